"""Journeys of the DX office (open a year, April rotation) and a DXer's home."""

import re

from playwright.sync_api import expect

from initiatives.models import Assignment, FiscalYear


def test_dx_office_opens_a_year_and_moves_its_phase(
    page, base_url, people, login, assert_accessible
):
    login(page, "dxoffice")
    assert_accessible(page)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="年度管理"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("年度管理")
    assert_accessible(page)
    page.get_by_role("link", name="新しい年度を開始").click()
    page.get_by_role("textbox", name="年度 ※必須").fill("令和７年度")
    page.get_by_label("DXポイントの提出期限").fill("2025-05-30")
    page.get_by_label("年度末報告の提出期限").fill("2026-04-30")
    assert_accessible(page)
    page.get_by_role("button", name="年度を開始").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("令和7年度")
    expect(page.get_by_role("status")).to_contain_text("令和7年度を開始しました")
    assert_accessible(page)

    page.get_by_role("link", name="段階を変更").click()
    expect(page.get_by_label("次へ進める：実施中")).to_be_checked()
    # No section has a point yet: the move says so and is confirmed.
    expect(page.locator("main")).to_contain_text(
        "DXポイントが1件もない4課は、DXポイントを追加できなくなります。"
    )
    assert_accessible(page)
    page.get_by_label(re.compile("未完了の項目が4件あります")).check()
    page.get_by_role("button", name="段階を変更").click()
    expect(page.locator("[aria-current=step]")).to_contain_text("実施中")
    assert FiscalYear.objects.get(year=2025).phase == "in_progress"


def test_dx_office_does_the_april_rotation(
    page, base_url, people, org, login, assert_accessible
):
    login(page, "dxoffice")
    page.goto(f"{base_url}/org/")
    assert_accessible(page)
    page.get_by_role("link", name="4月の人事異動").first.click()
    page.get_by_label("年度", exact=True).fill("2027")
    page.get_by_role("button", name="年度を変更").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("令和9年度")
    page.get_by_label("市民生活部 市民課のDXer").select_option(label="介護 三奈")
    page.get_by_label("福祉部 介護保険課のDXer").select_option(label="窓口 花子")
    assert_accessible(page)
    page.get_by_role("button", name="変更内容を確認").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("人事異動の確認")
    rows = page.get_by_role("table", name="人事異動による変更").locator("tbody tr")
    expect(rows).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("button", name="人事異動を反映する").click()
    expect(page.get_by_role("status")).to_contain_text("人事異動を反映しました（2件）")
    assert (
        Assignment.objects.active_in(2027).get(section=org.shimin_ka).user
        == people.dxer2
    )
    assert (
        Assignment.objects.active_in(2026).get(section=org.shimin_ka).user
        == people.dxer
    )


def test_dxer_signs_in_and_sees_their_home(
    page, base_url, people, make_year, login, assert_accessible
):
    make_year(2024)
    login(page, "dxer")
    expect(page.get_by_role("heading", name="担当課のDXの取組")).to_be_visible()
    expect(page.locator("main")).to_contain_text("市民生活部 市民課")
    expect(page.locator(".status-bar")).to_contain_text("令和6年度")
    assert_accessible(page)
    page.get_by_role("link", name="DXビジョン").first.click()
    expect(page).to_have_url(re.compile(r"/vision/$"))
    assert_accessible(page)
