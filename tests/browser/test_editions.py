"""Journey: the DX office opens a year on 第2.3版; a DXer tags a point from it."""

import re

from playwright.sync_api import expect

from initiatives.models import DxPoint, FiscalYear
from tests.browser.test_year_of_work import fill_point

LATEST = (
    "自治体デジタル・トランスフォーメーション（DX）推進計画【第2.3版】"
    "（2024年2月5日公表）"
)


def test_a_year_on_the_latest_edition_and_a_point_tagged_from_it(
    new_page, base_url, people, make_year, login, assert_accessible
):
    make_year(2024, phase="closed", hourly_cost=4800)
    office, dxer = new_page(), new_page()

    login(office, "dxoffice")
    office.goto("/years/")
    office.get_by_role("link", name="新しい年度を開始").click()
    assert_accessible(office)
    edition = office.get_by_label(LATEST)
    expect(edition).to_be_checked()  # the newest, unless the office chooses
    office.get_by_label("年度 ※必須").fill("令和7年度")
    office.get_by_label("DXポイントの提出期限 ※必須").fill("2025-05-30")
    office.get_by_label("年度末報告の提出期限 ※必須").fill("2026-04-30")
    office.get_by_role("button", name="年度を開始").click()
    expect(office).to_have_url(re.compile(r"/years/2025/$"))
    expect(office.locator("main")).to_contain_text("【第2.3版】")
    expect(office.locator("main")).to_contain_text("4,800円")
    assert_accessible(office)
    year = FiscalYear.objects.get(year=2025)
    assert (year.focus_area_edition.code, year.hourly_cost) == ("2.3", 4800)

    login(dxer, "dxer")
    dxer.goto("/points/new/?year=2025")
    fill_point(dxer, "窓口のキャッシュレス化", baseline="0", target="50")
    expect(dxer.get_by_label("自治体の行政手続のオンライン化")).to_have_count(0)
    dxer.get_by_label("自治体フロントヤード改革の推進").check()
    dxer.get_by_label("キャッシュレス決済").check()
    dxer.get_by_label("導入予定").check()
    assert_accessible(dxer)
    dxer.get_by_role("button", name="下書きとして保存").click()
    expect(dxer.get_by_role("status")).to_contain_text("下書きとして保存しました")
    main = dxer.locator("main")
    expect(main).to_contain_text("自治体フロントヤード改革の推進")
    expect(main).to_contain_text("キャッシュレス決済（導入状況: 導入予定）")
    assert_accessible(dxer)
    point = DxPoint.objects.get()
    assert [area.edition.code for area in point.focus_areas.all()] == ["2.3"]
