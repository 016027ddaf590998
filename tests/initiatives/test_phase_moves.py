"""The phase page warns before a move; everyone affected is told after it."""

import pytest
import time_machine
from django.core import mail

from initiatives import services
from initiatives.models import FiscalYear, Phase, PhaseNotice
from initiatives.year_summary import summarise

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporting_year(make_year, make_point, org):
    """令和6年度 in reporting: 2 reports not submitted, 1 waiting in each department."""
    year = make_year(2024, phase=Phase.REPORTING)
    make_point(year, state="approved", title="報告なし")
    make_point(
        year, state="approved", title="下書き", report={"state": "draft", "actual": 10}
    )
    make_point(
        year,
        state="approved",
        title="確認待ち",
        report={"state": "submitted", "actual": 10},
    )
    make_point(
        year,
        section=org.kaigo_ka,
        state="approved",
        title="介護",
        report={"state": "submitted", "actual": 80},
    )
    return year


def _move(client, to_phase="evaluation", **data):
    return client.post("/years/2024/phase/", {"to_phase": to_phase, **data})


def test_the_page_lists_open_items_and_what_each_move_does(client_as, reporting_year):
    with time_machine.travel("2025-04-09 10:00 +09:00", tick=False):
        body = client_as("dx_office").get("/years/2024/phase/").content.decode()
    assert "未完了の項目が4件あります" in body
    # Per department and section, with the people who hold the roles.
    assert "市民生活部" in body and "市民課" in body and "窓口 花子" in body
    assert "部長: 市民 一郎" in body
    assert "介護保険課" in body and "介護 三奈" in body
    # What moving to evaluation does, in plain words, and the deadline ahead.
    assert "1課の未提出の年度末報告2件は、編集も提出もできなくなります。" in body
    assert "2課の確認待ちの年度末報告2件は、引き続き部長が承認・確認できます。" in body
    assert "年度末報告の期限（令和7年4月30日（水））の21日前です。" in body
    # The confirmation names the count; the reminder button names the people.
    assert "未完了の項目が4件あります。段階を移すと起きることを読んだうえで" in body
    assert "未完了の項目に今対応できるのは3人です" in body
    assert "今すぐリマインダーを送る" in body


def test_a_move_with_open_items_is_refused_without_the_confirmation(
    client_as, reporting_year
):
    response = _move(client_as("dx_office"))
    assert response.status_code == 200
    errors = response.context["form"].errors["confirm_open"]
    assert errors == [
        "未完了の項目が4件あります。それでも段階を移す場合は、確認のチェックを入れてください。"
    ]
    # The message is next to the checkbox it is about.
    body = response.content.decode()
    assert body.index('id="id_confirm_open_error"') < body.index('id="id_confirm_open"')
    assert FiscalYear.objects.get(year=2024).phase == Phase.REPORTING
    assert not PhaseNotice.objects.exists()


def test_a_confirmation_of_another_count_is_refused(client_as, reporting_year):
    response = _move(client_as("dx_office"), confirm_open="on", open_items="3")
    assert response.status_code == 200
    assert "現在4件" in response.content.decode()
    assert response.context["form"]["open_items"].value() == 4
    assert FiscalYear.objects.get(year=2024).phase == Phase.REPORTING


def test_a_confirmed_move_goes_ahead(client_as, reporting_year):
    response = _move(client_as("dx_office"), confirm_open="on", open_items="4")
    assert response.status_code == 302
    assert FiscalYear.objects.get(year=2024).phase == Phase.EVALUATION


def test_nothing_open_needs_no_confirmation(client_as, make_year, make_point):
    year = make_year(2024, phase=Phase.REPORTING)
    make_point(year, state="approved", report={"state": "confirmed", "actual": 90})
    client = client_as("dx_office")
    page = client.get("/years/2024/phase/").content.decode()
    assert "未完了の項目はありません" in page
    assert 'name="confirm_open"' not in page
    assert _move(client).status_code == 302
    assert FiscalYear.objects.get(year=2024).phase == Phase.EVALUATION


def test_everyone_affected_is_told_on_the_home_page_and_by_mail(
    client_as, reporting_year, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _move(client_as("dx_office"), confirm_open="on", open_items="4")
    assert response.status_code == 302
    assert len(mail.outbox) == 0  # not before the move is committed
    for callback in callbacks:
        callback()
    notices = {notice.recipient: notice for notice in PhaseNotice.objects.all()}
    assert set(notices) == {people.dxer, people.dxer2, people.head, people.head2}
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {
        "dxer@example.jp",
        "dxer2@example.jp",
        "head@example.jp",
        "head2@example.jp",
    }

    dxer_mail = by_address["dxer@example.jp"]
    assert (
        dxer_mail.subject == "[いるまDXポータル] 令和6年度は「評価」の段階に移りました"
    )
    # What changed, what it did to their items, what they can still do, whom to ask.
    assert (
        "「年度末報告」から「評価」の段階に移りました（入間 みらい）" in dxer_mail.body
    )
    assert (
        "担当課の未提出の年度末報告2件は、編集も提出もできなくなりました。"
        in dxer_mail.body
    )
    assert "DXerが対応することはありません" in dxer_mail.body
    assert (
        "問い合わせ先：デジタル行政推進課 — 入間 みらい（dxoffice@example.jp）"
        in dxer_mail.body
    )
    assert "/points/?year=2024" in dxer_mail.body
    head_mail = by_address["head@example.jp"]
    assert (
        "担当部の確認待ちの年度末報告1件は、引き続き承認・確認できます。"
        in head_mail.body
    )
    assert "年度末報告を確認する・差し戻す" in head_mail.body
    assert "/review/" in head_mail.body

    # The same notice waits on the DXer's home page until it is marked read.
    dxer = client_as("dxer")
    home = dxer.get("/").content.decode()
    assert "令和6年度は「評価」の段階に移りました" in home
    assert "担当課の未提出の年度末報告2件は、編集も提出もできなくなりました。" in home
    dxer.post("/notifications/read/")
    assert "令和6年度は「評価」の段階に移りました" not in dxer.get("/").content.decode()


def test_the_message_after_the_move_says_how_many_were_told(client_as, reporting_year):
    client = client_as("dx_office")
    response = client.post(
        "/years/2024/phase/",
        {"to_phase": "evaluation", "confirm_open": "on", "open_items": "4"},
        follow=True,
    )
    body = response.content.decode()
    assert (
        "令和6年度は「評価」の段階になりました。4人にホーム画面とメールで知らせました。"
        in (body)
    )
    # The year's history keeps how many people each move told.
    assert "知らせた人数" in body
    [latest, *_earlier] = response.context["changes"]
    assert (latest.to_phase, latest.told) == (Phase.EVALUATION, 4)


def test_a_move_is_told_once(
    reporting_year, people, django_capture_on_commit_callbacks
):
    summary = summarise(reporting_year)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.change_phase(
            reporting_year, to_phase=Phase.EVALUATION, by=people.dx_office
        )
    assert change.notices.count() == 4 and len(mail.outbox) == 4
    with django_capture_on_commit_callbacks(execute=True):
        again = services.notify_phase_change(change, summary=summary)
    assert again == []
    assert change.notices.count() == 4 and len(mail.outbox) == 4


def test_moving_back_tells_people_what_they_can_do_again(
    make_year, make_point, people, django_capture_on_commit_callbacks
):
    year = make_year(2024, phase=Phase.EVALUATION)
    make_point(year, state="approved", report={"state": "returned", "actual": 10})
    with django_capture_on_commit_callbacks(execute=True):
        services.change_phase(
            year, to_phase=Phase.REPORTING, reason="報告漏れのため", by=people.dx_office
        )
    notice = PhaseNotice.objects.get(recipient=people.dxer)
    assert "理由: 報告漏れのため" in notice.body
    assert (
        "担当課の差戻し中の年度末報告1件は、編集・提出できるようになりました。"
        in notice.body
    )
    assert "年度末報告を書いて提出する" in notice.body


@pytest.mark.parametrize("points", [10, 300])
def test_the_page_runs_a_fixed_number_of_queries(
    client_as, make_year, make_points, django_assert_num_queries, points
):
    year = make_year(2024, phase=Phase.REPORTING)
    make_points(year, points, states=("approved", "draft", "submitted", "returned"))
    client = client_as("dx_office")
    client.get("/years/2024/phase/")
    # session, user, savepoint, roles (menu), the year; the summary: counts
    # per section, who holds the roles, the sections; the status bar's years;
    # release savepoint.
    with django_assert_num_queries(10):
        assert client.get("/years/2024/phase/").status_code == 200
