"""Journey: a DXer's year-end report with 評価不能, 要因分析 and the basis of hours."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from initiatives.models import AchievementReport


def test_a_report_with_its_analysis_basis_and_direction(
    page, base_url, people, make_year, make_point, login, assert_accessible
):
    year = make_year(2024, phase="reporting")
    point = make_point(year, state="approved")  # 0 → 100 %
    login(page, "dxer")
    page.goto(f"{base_url}/points/{point.pk}/report/")
    assert_accessible(page)

    page.get_by_label("実績値（%） ※必須").fill("４０")
    expect(page.locator("[data-level]")).to_have_text("D")
    page.get_by_label("効果 ※必須").fill("一部の手続で入力作業が減った。")

    # Only the inputs of the chosen basis show; the hours follow them.
    hours = page.get_by_label("年間の削減時間（時間） ※必須")
    cases = page.get_by_label("年間件数", exact=True)
    expect(hours).to_be_visible()
    expect(cases).to_be_hidden()
    page.get_by_label("件数×分（年間件数×1件あたり削減分）").check()
    expect(cases).to_be_visible()
    expect(hours).to_be_hidden()
    cases.fill("7")
    page.get_by_label("1件あたり削減分（分）").fill("３")
    expect(page.locator("[data-hours]")).to_have_text("0.4")
    page.get_by_role("radio", name="改善").check()

    # A D needs its factor analysis: one message, next to the field.
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_analysis_error")).to_contain_text(
        "要因分析を書いてください（達成度がDになった要因）。"
    )
    expect(page.get_by_label("要因分析")).to_have_attribute(
        "aria-describedby", re.compile("id_analysis_error")
    )
    # The chosen basis and its figures are kept, shown without the others.
    expect(page.get_by_label("年間件数", exact=True)).to_have_value("7")
    expect(page.get_by_label("年間の削減時間（時間）")).to_be_hidden()
    assert_accessible(page)
    page.get_by_label("要因分析").fill("対象の手続が少なく、利用が伸びなかった。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("年度末報告を保存しました")

    report = AchievementReport.objects.get(point=point)
    assert (report.level, report.hours_basis, report.hours_saved) == (
        "D",
        "cases",
        Decimal("0.4"),
    )
    assert report.direction == "improve"
    main = page.locator("main")
    expect(main).to_contain_text("年間7件 × 3分 ÷ 60 ＝ 0.4時間")
    expect(main).to_contain_text("対象の手続が少なく、利用が伸びなかった。")
    expect(main).to_contain_text("改善")
    assert_accessible(page)


def test_a_point_that_cannot_be_assessed(
    page, base_url, people, make_year, make_point, login, assert_accessible
):
    year = make_year(2024, phase="reporting")
    point = make_point(year, state="approved")
    login(page, "dxer")
    page.goto(f"{base_url}/points/{point.pk}/report/")
    page.get_by_label("このポイントは評価できない（評価不能）").check()
    page.get_by_label("効果 ※必須").fill("効果は測定できなかった。")
    page.get_by_label("年間の削減時間（時間） ※必須").fill("0")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_analysis_error")).to_contain_text(
        "評価できない（評価不能）理由を書いてください。"
    )
    assert_accessible(page)
    page.get_by_label("要因分析").fill("国の仕様が確定せず、実績を測れなかった。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("年度末報告を保存しました")
    expect(page.locator("main")).to_contain_text("評価不能の理由")
    assert AchievementReport.objects.get(point=point).level == "na"
    assert_accessible(page)
