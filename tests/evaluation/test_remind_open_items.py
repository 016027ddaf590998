"""The phase page's button reminds exactly the people with open items, now.

It sends the nightly reminder's e-mail and keeps its rule: one a day a person.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from evaluation import services
from evaluation.models import ReminderLog
from evaluation.reminders import Reminder

URL = "/years/2024/remind/"
MORNING = datetime(2025, 4, 9, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture
def open_items(org, make_year, make_point):
    """令和6年度 in reporting: the DXer has 2 reports to write, each head 1."""
    with time_machine.travel(MORNING, tick=False):
        year = make_year(2024, phase="reporting")
        make_point(year, state="approved")
        make_point(year, state="approved", report={"state": "returned", "actual": 1})
        make_point(year, state="approved", report={"state": "submitted", "actual": 1})
        make_point(
            year,
            section=org.kaigo_ka,
            state="approved",
            report={"state": "submitted", "actual": 1},
        )
        yield year


def test_reminds_those_who_can_act_now(client_as, open_items, people):
    with time_machine.travel(MORNING, tick=False):
        response = client_as("dx_office").post(URL, follow=True)
    assert response.redirect_chain == [("/years/2024/phase/", 302)]
    body = response.content.decode()
    assert "リマインダーを送りました：" in body
    for name in ("窓口 花子", "市民 一郎", "福祉 次郎"):
        assert name in body
    # dxer2's section has nothing open: they are not reminded.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dxer@example.jp",
        "head2@example.jp",
        "head@example.jp",
    ]
    dxer_mail = next(m for m in mail.outbox if m.to == ["dxer@example.jp"])
    assert "年度を次の段階に進める前に" in dxer_mail.body
    assert "令和6年度：提出していない年度末報告が2件あります" in dxer_mail.body
    head_mail = next(m for m in mail.outbox if m.to == ["head@example.jp"])
    assert "令和6年度：確認を待っている年度末報告が1件あります" in head_mail.body
    assert ReminderLog.objects.filter(sent_on=date(2025, 4, 9)).count() == 3


def test_once_a_day_like_the_nightly_reminders(client_as, open_items, people):
    with time_machine.travel(MORNING, tick=False):
        # The nightly run reached the head already this morning.
        services.send_reminder(
            people.head,
            [Reminder("reports_to_review", 2024, 1, None, date(2025, 4, 9))],
            today=date(2025, 4, 9),
        )
        mail.outbox.clear()
        client = client_as("dx_office")
        first = client.post(URL, follow=True).content.decode()
        assert (
            "本日すでにリマインダーを受け取っているため、送っていません：市民 一郎"
            in first
        )
        assert len(mail.outbox) == 2
        second = client.post(URL, follow=True).content.decode()
    assert "リマインダーを送りました" not in second
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 3


def test_people_without_an_address_are_named(client_as, open_items, people):
    people.dxer.email = ""
    people.dxer.save(update_fields=["email"])
    with time_machine.travel(MORNING, tick=False):
        body = client_as("dx_office").post(URL, follow=True).content.decode()
    assert "メールアドレスがないため、送れませんでした：窓口 花子" in body
    assert len(mail.outbox) == 2


def test_nobody_to_remind(client_as, make_year):
    make_year(2024, phase="closed")
    body = client_as("dx_office").post(URL, follow=True).content.decode()
    assert "リマインダーを送る相手はいません" in body
    assert not mail.outbox


@pytest.mark.parametrize("role", ["dxer", "head", "viewer"])
def test_only_the_dx_office_reminds(client_as, open_items, role):
    assert client_as(role).post(URL).status_code == 403
    assert not mail.outbox


def test_get_is_not_allowed(client_as, open_items):
    assert client_as("dx_office").get(URL).status_code == 405
