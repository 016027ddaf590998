"""Journey: a DXer's points from April to March, reviewed by their head."""

import re

from playwright.sync_api import expect

from initiatives.models import DxPoint, FiscalYear


def fill_point(page, title: str, *, baseline: str, target: str) -> None:
    page.get_by_label("DXポイント ※必須").fill(title)
    page.get_by_label("説明 ※必須").fill(f"{title}の説明。DXの視点で手続を見直す。")
    page.get_by_label("DXの心得3 サービスをデザインし直す").check()
    page.get_by_label("事務事業").fill("住民異動届の受付")
    page.get_by_label("デジタル・トランスフォーメーション（DX）").check()
    page.get_by_label("指標", exact=True).fill("オンライン申請の割合")
    page.get_by_label("単位").fill("%")
    page.get_by_label("基準値").fill(baseline)
    page.get_by_label("目標値").fill(target)


def test_points_are_set_reviewed_reported_and_confirmed(
    new_page, base_url, people, org, make_year, login, assert_accessible
):
    year = make_year(2024)
    dxer, head = new_page(), new_page()
    head2 = new_page(refused_pages_expected=True)

    # The DXer adds two points and submits them.
    login(dxer, "dxer")
    dxer.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="担当課のDXポイント"
    ).click()
    expect(dxer).to_have_url(re.compile(r"/points/$"))
    assert_accessible(dxer)
    for title, target in (
        ("窓口申請のオンライン化", "３０"),
        ("窓口予約の導入", "６０"),
    ):
        dxer.get_by_role("link", name="DXポイントを追加").click()
        fill_point(dxer, title, baseline="５", target=target)
        assert_accessible(dxer)
        dxer.get_by_role("button", name="下書きとして保存").click()
        expect(dxer.get_by_role("status")).to_contain_text("下書きとして保存しました")
        assert_accessible(dxer)
        dxer.goto("/points/")
    dxer.get_by_role("button", name=re.compile("まとめて提出")).click()
    expect(dxer.get_by_role("status")).to_contain_text("2件を部長に提出しました")

    # The head returns one with a comment.
    login(head, "head")
    expect(head.locator("main")).to_contain_text("承認・確認待ち：DXポイント 2件")
    head.get_by_role("link", name="承認・確認の画面を開く").click()
    expect(head).to_have_url(re.compile(r"/review/$"))
    assert_accessible(head)
    head.get_by_role(
        "link", name=re.compile("コメントを付けて差戻し.*窓口予約の導入")
    ).click()
    expect(head).to_have_url(re.compile(r"/points/\d+/return/$"))
    assert_accessible(head)
    head.get_by_label("DXerへのコメント ※必須").fill(
        "目標値の根拠を説明に書いてください。"
    )
    head.get_by_role("button", name="差戻し").click()
    expect(head.get_by_role("status")).to_contain_text("差し戻しました")

    # A head of another department sees none of it.
    login(head2, "head2")
    head2.goto("/review/")
    expect(head2.locator("main")).not_to_contain_text("窓口")
    returned = DxPoint.objects.get(title="窓口予約の導入")
    response = head2.goto(f"/points/{returned.pk}/")
    assert response.status == 404
    expect(head2.get_by_role("heading", level=1)).to_have_text("ページが見つかりません")
    assert_accessible(head2)

    # The DXer reads the comment, fixes the point with the keyboard and resubmits.
    dxer.goto("/")
    expect(dxer.locator("main")).to_contain_text("差し戻されました")
    assert_accessible(dxer)
    dxer.get_by_role(
        "link", name=re.compile("窓口予約の導入.*差し戻されました")
    ).click()
    expect(dxer.locator("#comments ~ ol")).to_contain_text("目標値の根拠")
    assert_accessible(dxer)
    dxer.get_by_role("link", name="編集").click()
    description = dxer.get_by_label("説明 ※必須")
    description.focus()
    dxer.keyboard.press("End")
    dxer.keyboard.type(" 目標は県内上位市の実績に合わせた。")
    dxer.keyboard.press("Tab")
    dxer.get_by_role("button", name="保存", exact=True).press("Enter")
    expect(dxer.get_by_role("status")).to_contain_text("保存しました")
    dxer.get_by_role("button", name="部長に提出").click()
    expect(dxer.get_by_role("status")).to_contain_text("部長に提出しました")

    # The head approves both at once.
    head.goto("/review/")
    head.get_by_label("「窓口申請のオンライン化」を選択").check()
    head.get_by_label("「窓口予約の導入」を選択").check()
    head.get_by_role("button", name="選択したポイントを承認").click()
    expect(head.get_by_role("status")).to_contain_text("2件を承認しました")
    assert set(DxPoint.objects.values_list("state", flat=True)) == {"approved"}

    # Year-end: the DX office moves the year to reporting.
    FiscalYear.objects.filter(pk=year.pk).update(phase="reporting")
    point = DxPoint.objects.get(title="窓口申請のオンライン化")
    dxer.goto(f"/points/{point.pk}/")
    dxer.get_by_role("link", name="報告を書く").click()
    expect(dxer).to_have_url(re.compile(r"/points/\d+/report/$"))
    assert_accessible(dxer)
    dxer.get_by_label("実績値（%） ※必須").fill("３５")
    expect(dxer.locator("[data-rate]")).to_have_text("120.0%")
    expect(dxer.locator("[data-level]")).to_have_text("A")
    dxer.get_by_label("効果 ※必須").fill("窓口での待ち時間が平均15分短くなった。")
    dxer.get_by_label("年間の削減時間（時間） ※必須").fill("２４０")
    dxer.get_by_role("button", name="保存").click()
    expect(dxer.get_by_role("status")).to_contain_text("年度末報告を保存しました")
    assert_accessible(dxer)
    dxer.get_by_role("button", name="報告を提出").click()
    expect(dxer.get_by_role("status")).to_contain_text("部長に提出しました")

    # The head confirms the report.
    head.goto("/review/")
    assert_accessible(head)
    head.get_by_label("「窓口申請のオンライン化」の報告を選択").check()
    head.get_by_role("button", name="選択した報告を確認").click()
    expect(head.get_by_role("status")).to_contain_text("1件を確認しました")
    point.refresh_from_db()
    assert point.report.state == "confirmed"
    head.goto(f"/departments/{org.shimin.pk}/?year=2024")
    expect(head.get_by_role("table")).to_contain_text("120.0%")
    assert_accessible(head)
