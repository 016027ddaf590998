"""Journeys of steering the year: a phase move with open items, publishing with
incomplete reports, and the year context while editing last year's report."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from initiatives.models import FiscalYear, Phase, fiscal_year_today


def test_a_phase_move_with_open_items_is_warned_confirmed_and_told(
    new_page, org, make_year, make_point, login, assert_accessible
):
    today = timezone.localdate()
    year = make_year(
        2024,
        phase=Phase.REPORTING,
        report_deadline=today + timedelta(days=21),
    )
    make_point(year, state="approved", title="窓口の予約")  # report not written
    make_point(
        year,
        state="approved",
        title="申請のオンライン化",
        report={"state": "submitted", "actual": 50},
    )
    office = new_page()
    login(office, "dxoffice")
    office.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="年度管理"
    ).click()
    office.get_by_role("link", name="令和6年度").click()
    office.get_by_role("link", name="段階を変更").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("令和6年度の段階を変更")
    main = office.locator("main")
    expect(main).to_contain_text("未完了の項目が2件あります")
    expect(main).to_contain_text(
        "1課の未提出の年度末報告1件は、編集も提出もできなくなります。"
    )
    expect(main).to_contain_text("年度末報告の期限")
    expect(main).to_contain_text("の21日前です。")
    assert_accessible(office)

    # Remind the two people who can act now, then once more: once a day.
    office.get_by_role("button", name="今すぐリマインダーを送る").click()
    expect(office.get_by_role("status").first).to_contain_text(
        "リマインダーを送りました：市民 一郎、窓口 花子"
    )
    assert_accessible(office)
    office.get_by_role("button", name="今すぐリマインダーを送る").click()
    expect(office.get_by_role("status").first).to_contain_text(
        "本日すでにリマインダーを受け取っているため、送っていません"
    )
    assert len(mail.outbox) == 2

    # Without the confirmation the move is refused, with the reason beside it.
    office.get_by_role("button", name="段階を変更").click()
    expect(office.locator(".field__errors")).to_contain_text(
        "それでも段階を移す場合は、確認のチェックを入れてください。"
    )
    assert FiscalYear.objects.get(year=2024).phase == Phase.REPORTING
    assert_accessible(office)
    office.get_by_label(re.compile("未完了の項目が2件あります")).check()
    office.get_by_role("button", name="段階を変更").click()
    expect(office).to_have_url(re.compile(r"/years/2024/$"))
    expect(office.get_by_role("status")).to_contain_text(
        "4人にホーム画面とメールで知らせました"
    )
    assert_accessible(office)
    assert FiscalYear.objects.get(year=2024).phase == Phase.EVALUATION

    # The DXer is told on their home page: what changed, and whom to ask.
    dxer = new_page()
    login(dxer, "dxer")
    notice = dxer.locator(".phase-notice")
    expect(notice).to_contain_text("令和6年度は「評価」の段階に移りました")
    expect(notice).to_contain_text(
        "担当課の未提出の年度末報告1件は、編集も提出もできなくなりました。"
    )
    expect(notice).to_contain_text("問い合わせ先：デジタル行政推進課 — 入間 みらい")
    assert_accessible(dxer)
    assert any(message.to == ["dxer@example.jp"] for message in mail.outbox[2:])


def test_publishing_with_incomplete_reports_states_it(
    page, org, make_year, make_point, login, assert_accessible
):
    last = make_year(2023, phase=Phase.CLOSED)
    for index in range(4):
        make_point(
            last,
            title=f"前年度の取組{index}",
            state="approved",
            report={"state": "confirmed", "actual": 100, "hours_saved": 300},
        )
    year = make_year(2024, phase=Phase.EVALUATION)
    make_point(
        year,
        title="申請のオンライン化",
        state="approved",
        report={"state": "confirmed", "actual": 90, "hours_saved": 120},
    )
    make_point(year, title="窓口の予約", state="approved")
    make_point(
        year,
        section=org.kaigo_ka,
        title="介護認定の電子申請",
        state="approved",
        report={"state": "submitted", "actual": 40},
    )

    login(page, "dxoffice")
    page.goto("/reports/2024/draft/")
    page.get_by_label("総括（分析・考察）").fill("報告の確認が一部にとどまった。")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書きを保存しました。")
    page.goto("/reports/2024/draft/publish/")
    completeness = page.locator("section", has=page.locator("#completeness-heading"))
    expect(completeness).to_contain_text(
        "承認されたDXポイント3件のうち、部長が年度末報告を確認したものは1件（33.3%）です。"
    )
    welfare = completeness.get_by_role("row", name=re.compile("福祉部"))
    expect(welfare).to_contain_text("0.0%")
    assert_accessible(page)
    page.get_by_label(re.compile("プレビューを確認しました")).check()
    page.get_by_role("button", name="公開する").click()
    expect(page).to_have_url(re.compile(r"/reports/2024/v1/$"))

    expect(page.locator("#completeness")).to_contain_text(
        "部長が年度末報告を確認したものは1件（33.3%）です。"
    )
    expect(page.locator("#headlines")).to_contain_text(
        "2つの年度の差を成果の増減として読まないでください。"
    )
    years = page.locator("#years")
    expect(years).to_contain_text("※ 報告の確認：3件中1件（33.3%）")
    expect(years).to_contain_text("※ 報告の確認：4件中4件（100.0%）、令和6年度は33.3%")
    assert_accessible(page)


def test_the_year_is_named_while_editing_last_year_s_report(
    page, org, make_year, make_point, login, assert_accessible
):
    today = timezone.localdate()
    this, last = fiscal_year_today(), fiscal_year_today() - 1
    make_year(
        this,
        phase=Phase.PLANNING,
        target_deadline=today + timedelta(days=152),
        report_deadline=today + timedelta(days=400),
    )
    previous = make_year(
        last, phase=Phase.REPORTING, report_deadline=today + timedelta(days=21)
    )
    make_point(
        previous,
        title="窓口申請のオンライン化",
        state="approved",
        report={"state": "returned", "actual": 10},
    )
    this_label, last_label = (
        FiscalYear.objects.get(year=this).label,
        previous.label,
    )

    login(page, "dxer")
    bar = page.locator(".status-bar")
    expect(bar).to_contain_text(f"年度: {this_label}")
    expect(bar).to_contain_text("（あと152日）")
    page.goto(f"/points/?year={last}")
    page.get_by_role("link", name=re.compile("報告を編集")).click()
    expect(page).to_have_url(re.compile(r"/points/\d+/report/$"))
    expect(bar).to_contain_text(f"この画面の年度: {last_label}")
    expect(bar).to_contain_text(f"（今年度は{this_label}）")
    expect(bar).to_contain_text("年度末報告の提出期限")
    expect(bar).to_contain_text("（あと21日）")
    assert_accessible(page)
