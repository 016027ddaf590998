"""Journeys: staff search other sections' points; the DX office follows progress."""

import re

from playwright.sync_api import expect


def test_staff_search_the_city_points_and_open_one(
    page, people, org, make_year, make_point, login, assert_accessible
):
    year = make_year(2024)
    make_point(year, title="RPAで入力を自動化", principles=[1], state="approved")
    make_point(
        year,
        title="RPAで給付を審査",
        section=org.kaigo_ka,
        principles=[3],
        state="approved",
    )
    make_point(year, title="窓口の案内", principles=[1], state="approved")

    login(page, "viewer")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="ポイント検索"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("全庁のDXポイントを検索")
    assert_accessible(page)

    # Full-width letters, as a Japanese keyboard types them, find RPA.
    page.get_by_label("キーワード").fill("ＲＰＡ")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("2件見つかりました。")
    results = page.get_by_role("table", name="検索結果")
    expect(results.get_by_role("link")).to_have_text(
        ["RPAで入力を自動化", "RPAで給付を審査"]
    )
    assert_accessible(page)

    # A filter narrows the result, and the keyword stays in the box.
    page.get_by_label("DXの心得").select_option(
        label="DXの心得3 サービスをデザインし直す"
    )
    page.get_by_role("button", name="検索", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("1件見つかりました。")
    expect(page.get_by_label("キーワード")).to_have_value("ＲＰＡ")
    page.get_by_role("link", name="RPAで給付を審査").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("RPAで給付を審査")
    assert_accessible(page)


def test_dx_office_follows_progress_from_the_dashboard(
    page, people, org, make_year, make_point, login, assert_accessible
):
    year = make_year(2024, phase="in_progress")
    make_year(2023, phase="closed")
    make_point(year, title="窓口の案内", state="approved")
    make_point(year, title="介護の電子申請", section=org.kaigo_ka, state="submitted")

    login(page, "dxoffice")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="ダッシュボード"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "進捗ダッシュボード（令和6年度）"
    )
    assert_accessible(page)
    progress = page.get_by_role("table", name=re.compile("部ごとの進捗"))
    welfare = progress.get_by_role("row", name=re.compile("福祉部"))
    expect(welfare.get_by_role("cell").nth(2)).to_have_text("1")

    # Another year, then a department's sections.
    page.get_by_label("年度", exact=True).select_option(label="令和5年度")
    page.get_by_role("button", name="表示").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "進捗ダッシュボード（令和5年度）"
    )
    assert_accessible(page)
    page.get_by_role("link", name="市民生活部").click()
    expect(page).to_have_url(re.compile(rf"/departments/{org.shimin.pk}/\?year=2023$"))
    assert_accessible(page)


def test_dx_office_reads_plans_people_and_a_point_history(
    page, people, org, make_year, make_point, login, assert_accessible
):
    year = make_year(2024)
    point = make_point(year, title="窓口の案内", state="approved")

    login(page, "dxoffice")
    menu = page.get_by_role("navigation", name="メインメニュー")
    menu.get_by_role("link", name="計画とプロジェクト").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("計画とプロジェクト")
    assert_accessible(page)

    menu.get_by_role("link", name="組織").click()
    expect(page).to_have_url(re.compile(r"/org/"))
    assert_accessible(page)

    page.goto(f"/points/{point.pk}/")
    page.get_by_role("link", name="変更履歴").click()
    expect(page).to_have_url(re.compile(rf"/points/{point.pk}/history/$"))
    assert_accessible(page)
