"""Reminders: who gets what, once a day, by e-mail and on the home page."""

import io
import smtplib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from evaluation.models import ReminderLog
from evaluation.reminders import due_reminders, reminders_for

TODAY = date(2024, 5, 21)
MORNING = datetime(2024, 5, 21, 2, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture
def today():
    with time_machine.travel(MORNING, tick=False):
        yield TODAY


@pytest.fixture
def work(today, org, make_year, make_point):
    """令和6年度 planning (points due in 10 days); 令和5年度 reports 2 days overdue."""
    this = make_year(2024, phase="planning", target_deadline=date(2024, 5, 31))
    last = make_year(
        2023,
        phase="reporting",
        target_deadline=date(2023, 5, 31),
        report_deadline=date(2024, 5, 19),
    )
    make_point(this, state="draft")
    make_point(this, state="returned")
    make_point(this, state="approved")  # nothing to do
    make_point(this, section=org.zeimu_ka, state="submitted")  # for head
    make_point(last, state="approved")  # report missing: overdue
    make_point(last, state="approved", report={"actual": 10, "state": "draft"})
    make_point(last, state="approved", report={"actual": 90, "state": "submitted"})
    make_point(last, state="approved", report={"actual": 90, "state": "confirmed"})
    # 介護保険課 (dxer2) has no point for 令和6年度 yet.
    return this


def texts(reminders):
    return [reminder.text() for reminder in reminders]


def test_who_gets_what(work, people):
    got = {user.username: texts(items) for user, items in due_reminders(TODAY)}
    assert got == {
        "dxer": [
            "令和5年度：提出していない年度末報告が2件あります"
            "（期限超過：期限は令和6年5月19日（日）（2日経過））",
            "令和6年度：提出していないDXポイントが2件あります"
            "（期限 令和6年5月31日（金）、あと10日）",
        ],
        "dxer2": [
            "令和6年度：DXポイントがまだない担当課が1課あります"
            "（期限 令和6年5月31日（金）、あと10日）",
        ],
        "head": [
            "令和5年度：確認を待っている年度末報告が1件あります",
            "令和6年度：承認を待っているDXポイントが1件あります",
        ],
    }


def test_nothing_when_the_deadline_is_far(today, make_year, make_point, people):
    year = make_year(2024, phase="planning", target_deadline=date(2024, 6, 30))
    make_point(year, state="draft")
    assert "dxer" not in {user.username for user, _ in due_reminders(TODAY)}
    assert reminders_for(people.dxer, TODAY) == []


def test_a_closed_year_reminds_nobody(today, make_year, make_point, people):
    year = make_year(
        2023,
        phase="closed",
        target_deadline=date(2023, 5, 1),
        report_deadline=date(2024, 4, 1),
    )
    make_point(year, state="draft")
    make_point(year, state="submitted")
    assert due_reminders(TODAY) == []


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_sends_once_a_day_and_records_it(work, people):
    output = run()
    assert "sent to dxer <dxer@example.jp>:" in output
    assert "sent to head <head@example.jp>:" in output
    assert "提出していないDXポイントが2件あります" in output
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == ["dxer@example.jp"])
    assert (
        message.subject == "【いるまDXポータル】期限が近い・対応待ちの項目が2件あります"
    )
    assert "窓口 花子 様" in message.body
    assert "http://127.0.0.1:8000/points/?year=2024" in message.body
    assert ReminderLog.objects.filter(sent_on=TODAY).count() == 3

    # A second run the same day sends nothing.
    output = run()
    assert "skipped dxer <dxer@example.jp>: already reminded today" in output
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.count() == 3

    # The next day they are reminded again.
    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        run()
    assert len(mail.outbox) == 6
    assert ReminderLog.objects.count() == 6


def test_dry_run_sends_and_records_nothing(work, people):
    output = run("--dry-run")
    assert "would send to dxer <dxer@example.jp>:" in output
    assert "would send 3, skipped 0, failed 0." in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_a_person_without_an_address_is_skipped(work, people):
    people.dxer2.email = ""
    people.dxer2.save()
    output = run()
    assert "skipped dxer2 <->: no e-mail address" in output
    assert len(mail.outbox) == 2


def test_a_failed_mail_leaves_no_record(work, people, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr("evaluation.services.send_mail", refuse)
    with pytest.raises(CommandError):
        run()
    assert not ReminderLog.objects.exists()


def test_the_home_page_shows_the_same_reminders(work, client_as):
    body = client_as("dxer").get("/").content.decode()
    assert "期限が近い項目・対応待ちの項目" in body
    assert "令和6年度：提出していないDXポイントが2件あります" in body
    assert "（期限 令和6年5月31日（金）、あと10日）" in body
    assert "期限超過</strong>" in body and 'href="/points/?year=2023"' in body
    head = client_as("head").get("/").content.decode()
    assert "承認を待っているDXポイントが1件あります" in head
    assert 'href="/review/"' in head
    assert (
        "期限が近い項目・対応待ちの項目"
        not in client_as("viewer").get("/").content.decode()
    )


def test_reminders_cost_a_fixed_number_of_queries(work, make_point, org, count_queries):
    def count() -> int:
        return count_queries(lambda: due_reminders(TODAY))

    before = count()
    for _ in range(10):
        make_point(work, state="draft")
        make_point(work, section=org.kaigo_ka, state="submitted")
    assert count() == before
