"""Journeys of issue 11: withdrawing a submission, the head's filtered review,
carrying forward a point whose report was returned, back to the search."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from initiatives import services
from initiatives.models import DxPoint, Notification


def fill_point(page, title: str) -> None:
    page.get_by_label("DXポイント ※必須").fill(title)
    page.get_by_label("説明 ※必須").fill(f"{title}の説明。")
    page.get_by_label("DXの心得3 サービスをデザインし直す").check()
    page.get_by_label("事務事業").fill("住民異動届の受付")
    page.get_by_label("デジタイゼーション").check()


def test_a_dxer_submits_in_one_step_then_withdraws_and_the_head_is_told(
    new_page, people, make_year, login, assert_accessible
):
    make_year(2024)
    dxer, head = new_page(), new_page()
    login(dxer, "dxer")
    dxer.goto("/points/?year=2024")
    dxer.get_by_role("link", name="DXポイントを追加").click()
    # The principles' explanations open on demand.
    explanation = dxer.get_by_text("AIやRPAなどの破壊的技術は").first
    expect(explanation).to_be_hidden()
    dxer.locator("summary", has_text="DXの心得1").click()
    expect(explanation).to_be_visible()
    assert_accessible(dxer)
    fill_point(dxer, "窓口予約の導入")
    dxer.get_by_role("button", name="保存して部長に提出").click()
    expect(dxer.get_by_role("status")).to_contain_text(
        "DXポイントを保存し、部長に提出しました"
    )
    point = DxPoint.objects.get(title="窓口予約の導入")
    assert point.state == "submitted"
    assert_accessible(dxer)

    # The head sees it waiting; the DXer takes it back before the head acts.
    login(head, "head")
    head.goto("/review/")
    expect(head.get_by_role("table", name=re.compile("DXポイント"))).to_contain_text(
        "窓口予約の導入"
    )
    dxer.get_by_role("button", name="提出を取り下げる").click()
    expect(dxer.get_by_role("status")).to_contain_text("提出を取り下げました")
    expect(dxer.get_by_role("main")).to_contain_text("下書き")
    assert_accessible(dxer)
    point.refresh_from_db()
    assert point.state == "draft"

    head.goto("/")
    expect(head.get_by_role("main")).to_contain_text(
        "窓口 花子さんがDXポイント「窓口予約の導入」の提出を取り下げました"
    )
    assert_accessible(head)
    head.goto("/review/")
    expect(head.get_by_role("main")).to_contain_text("承認待ちのDXポイントはありません")
    assert Notification.objects.filter(recipient=people.head).count() == 1


def test_the_head_filters_sorts_selects_all_and_goes_on_to_the_next(
    page, people, org, make_year, make_point, login, assert_accessible
):
    this, last = make_year(2024), make_year(2023, phase="in_progress")
    make_point(this, title="市民課の予約", state="submitted")
    make_point(this, title="市民課の案内", state="submitted")
    make_point(this, title="税の申告", state="submitted", section=org.zeimu_ka)
    make_point(last, title="去年の申請", state="submitted")
    make_point(this, title="差し戻した点", state="returned")

    login(page, "head")
    page.goto("/review/")
    points = page.get_by_role("table", name=re.compile("DXポイント"))
    expect(points.locator("tbody tr")).to_have_count(4)
    assert_accessible(page)

    # Filter: 市民課 in 令和6年度, titles in order.
    page.get_by_label("課", exact=True).select_option(label="市民生活部 市民課")
    page.get_by_label("年度", exact=True).select_option(label="令和6年度")
    page.get_by_label("並べ替え", exact=True).select_option(label="題名の順")
    page.get_by_role("button", name="表示", exact=True).click()
    expect(points.locator("tbody th")).to_have_text(["市民課の予約", "市民課の案内"])
    assert_accessible(page)

    # Select all (a script), then approve both.
    select_all = page.get_by_label("DXポイントをすべて選択")
    select_all.check()
    expect(page.get_by_label("「市民課の案内」を選択")).to_be_checked()
    expect(page.get_by_label("「市民課の予約」を選択")).to_be_checked()
    page.get_by_label("「市民課の予約」を選択").uncheck()
    expect(select_all).not_to_be_checked()
    select_all.check()
    page.get_by_role("button", name="選択したポイントを承認").click()
    expect(page.get_by_role("status")).to_contain_text("2件を承認しました")

    # The returned ones, by the state filter.
    page.get_by_label("表示", exact=True).select_option(label="差戻し中")
    page.get_by_role("button", name="表示", exact=True).click()
    expect(points.locator("tbody th")).to_have_text(["差し戻した点"])
    assert_accessible(page)

    # A made-up order is refused with a message, not an error page.
    page.goto("/review/?sort=price")
    expect(page.get_by_role("alert")).to_contain_text("指定どおりには表示できません")
    assert_accessible(page)

    # Return one, seeing what is returned; the next waiting item is one click away.
    page.goto("/review/")
    page.get_by_role(
        "link", name=re.compile("コメントを付けて差戻し.*税の申告")
    ).click()
    expect(page.get_by_role("heading", name="差し戻すDXポイント")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("市民税課")
    expect(page.get_by_role("main")).to_contain_text("転入届の事前入力")
    assert_accessible(page)
    page.get_by_label("DXerへのコメント ※必須").fill("対象の件数を書いてください。")
    page.get_by_role("button", name="差戻し").click()
    expect(page.get_by_role("status")).to_contain_text("差し戻しました")
    page.get_by_role("link", name="次の確認待ち：「去年の申請」").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("去年の申請")
    page.get_by_role("button", name="承認", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "ほかに確認を待っているものはありません"
    )
    assert_accessible(page)


def test_carry_forward_keeps_the_baseline_when_the_report_was_returned(
    page, people, make_year, make_point, login, assert_accessible
):
    last = make_year(2023, phase="evaluation")
    make_year(2024)
    origin = make_point(
        last,
        title="申請のオンライン化",
        state="approved",
        baseline=Decimal(100),
        target=Decimal(1000),
        report={"actual": 480, "state": "submitted"},
    )
    services.return_report(origin.report, comment="実績の根拠を", by=people.head)

    login(page, "dxer")
    page.goto("/points/?year=2024")
    page.get_by_role("link", name="前年度のポイントを引き継ぐ").click()
    expect(page.get_by_role("main")).to_contain_text("確認済みの報告なし")
    assert_accessible(page)
    page.get_by_label("申請のオンライン化").check()
    page.get_by_role("button", name="今年度に引き継ぐ").click()
    expect(page.get_by_role("status")).to_contain_text("1件")
    copy = DxPoint.objects.get(fiscal_year=2024)
    assert copy.baseline == Decimal(100)  # not the 480 of the returned report
    page.get_by_role("link", name="申請のオンライン化", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("基準値 100 → 目標値 1000")
    assert_accessible(page)


def test_a_point_opened_from_the_search_leads_back_to_its_results(
    page, people, make_year, make_point, login, assert_accessible
):
    year = make_year(2024, phase="in_progress")
    for index in range(25):
        make_point(year, title=f"窓口改善{index:02d}", state="approved")
    login(page, "viewer")
    page.goto("/points/search/")
    page.get_by_label("キーワード").fill("窓口")
    page.get_by_role("button", name="検索", exact=True).click()
    pages = page.get_by_role("navigation", name="ページ")
    expect(pages.locator('[aria-current="page"]')).to_have_text("ページ 1")
    pages.get_by_role("link", name="ページ 2").click()
    expect(pages.locator('[aria-current="page"]')).to_have_text("ページ 2")
    assert_accessible(page)
    page.get_by_role("table", name="検索結果").get_by_role("link").first.click()
    crumbs = page.get_by_role("navigation", name="パンくずリスト")
    crumbs.get_by_role("link", name="検索結果").click()
    expect(page).to_have_url(re.compile(r"/points/search/\?q=.*&page=2$"))
    expect(page.get_by_label("キーワード")).to_have_value("窓口")
    assert_accessible(page)
