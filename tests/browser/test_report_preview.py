"""Journey: the report form's live preview shows the level the server then stores."""

from decimal import Decimal

from playwright.sync_api import expect

from initiatives.models import AchievementReport


def test_the_preview_and_the_saved_report_agree_on_a_threshold(
    page, base_url, people, make_year, make_point, login, assert_accessible
):
    # A falling indicator, 121.6 → 99.6: an actual of 104 is a rate of exactly
    # 80 %, level B (floating point makes it 79.99… and C).
    year = make_year(2024, phase="reporting")
    point = make_point(
        year,
        state="approved",
        indicator_name="1件あたりの処理時間",
        indicator_unit="分",
        baseline=Decimal("121.6"),
        target=Decimal("99.6"),
    )
    login(page, "dxer")
    page.goto(f"{base_url}/points/{point.pk}/report/")
    actual = page.get_by_label("実績値（分） ※必須")
    actual.fill("104.01")
    expect(page.locator("[data-rate]")).to_have_text("80.0%")
    expect(page.locator("[data-level]")).to_have_text("C")
    actual.fill("１０４")
    expect(page.locator("[data-level]")).to_have_text("B")
    expect(page.locator("[data-rate]")).to_have_text("80.0%")
    assert_accessible(page)
    actual.fill("約104")
    expect(page.locator("[data-level]")).to_have_text("—")
    actual.fill("１０４")
    expect(page.locator("[data-level]")).to_have_text("B")
    page.get_by_label("効果 ※必須").fill("処理時間が短くなった。")
    page.get_by_label("年間の削減時間（時間） ※必須").fill("12")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("年度末報告を保存しました")
    assert AchievementReport.objects.get(point=point).level == "B"
    expect(page.get_by_text("80.0%")).to_be_visible()
    assert_accessible(page)
