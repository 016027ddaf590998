"""Which year am I in: one rule for "this year", and pages that name their own year.

"This year" is the fiscal year of today's date if the portal has it open;
else the newest year still open; else today's fiscal year.
"""

import re
from datetime import date

import pytest
import time_machine

from initiatives.models import FiscalYear, Phase, this_year
from initiatives.models.years import pick_this_year

pytestmark = pytest.mark.django_db

# 9 April 2025 (令和7年度): 令和6年度's reports are due on 30 April.
APRIL = "2025-04-09 10:00 +09:00"


def year(number: int, phase: str) -> FiscalYear:
    return FiscalYear(year=number, phase=phase)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        # Today's year is open: it is this year, whatever else is open.
        ([(2024, "reporting"), (2025, "planning"), (2026, "planning")], 2025),
        # April, before the DX office opens the new year: last year's work.
        ([(2023, "closed"), (2024, "reporting")], 2024),
        # Today's year is not open: the newest open one.
        ([(2023, "evaluation"), (2024, "reporting")], 2024),
        ([(2025, "closed"), (2026, "planning")], 2026),
        # Nothing is open: today's year if the portal has it.
        ([(2024, "closed"), (2025, "closed")], 2025),
        ([(2023, "closed")], None),
        ([], None),
    ],
)
def test_the_rule(years, expected):
    chosen = pick_this_year([year(*row) for row in years], today=2025)
    assert (chosen.year if chosen else None) == expected


def test_this_year_falls_back_to_today_s(make_year):
    with time_machine.travel(APRIL, tick=False):
        assert this_year() == 2025  # no year opened at all
        make_year(2023, phase=Phase.CLOSED)
        assert this_year() == 2025
        make_year(2024, phase=Phase.REPORTING)
        assert this_year() == 2024
        assert FiscalYear.objects.this_year().year == 2024


@pytest.fixture
def two_years(make_year):
    """令和6年度 in reporting (reports due 2025-04-30), 令和7年度 planned."""
    make_year(2024, phase=Phase.REPORTING, report_deadline=date(2025, 4, 30))
    make_year(
        2025,
        phase=Phase.PLANNING,
        target_deadline=date(2025, 9, 8),
        report_deadline=date(2026, 4, 30),
    )


def _h1(body: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", body, flags=re.S)[1]


def _status_bar(body: str) -> str:
    bar = re.search(r'<div class="status-bar[^"]*">(.*?)</div>', body, flags=re.S)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", bar)).strip()


@pytest.mark.parametrize("today", [APRIL, "2026-05-01 10:00 +09:00"])
def test_organisation_rotation_people_and_status_bar_agree(client_as, two_years, today):
    # In April 2025 令和7年度 is today's and open; in May 2026 令和8年度 is
    # not opened in the portal, so 令和7年度, the newest open one, is this year.
    client = client_as("dx_office")
    with time_machine.travel(today, tick=False):
        org = client.get("/org/").content.decode()
        rotation = client.get("/org/rotation/").content.decode()
        people = client.get("/org/people/").content.decode()
        home = client.get("/").content.decode()
    assert _h1(org) == "令和7年度の組織"
    assert _h1(rotation) == "令和7年度の人事異動"
    assert "令和7年度（今年度）の職員と役割" in people
    for body in (org, rotation, people, home):
        assert _status_bar(body).startswith("年度: 令和7年度 段階: 目標設定")
    # Next April's rotation is offered explicitly.
    assert "来年4月の人事異動を準備する（令和8年度）" in rotation
    assert 'href="?year=2026"' in rotation


def test_a_past_year_s_point_shows_that_year_and_its_deadline(
    client_as, two_years, make_point
):
    point = make_point(
        FiscalYear.objects.get(year=2024),
        state="approved",
        report={"state": "returned", "actual": 10},
    )
    dxer = client_as("dxer")
    with time_machine.travel(APRIL, tick=False):
        pages = {
            "point": dxer.get(f"/points/{point.pk}/"),
            "report form": dxer.get(f"/points/{point.pk}/report/"),
            "history": dxer.get(f"/points/{point.pk}/history/"),
            "home": dxer.get("/"),
        }
    for name in ("point", "report form", "history"):
        assert pages[name].status_code == 200, name
        assert _status_bar(pages[name].content.decode()) == (
            "この画面の年度: 令和6年度 （今年度は令和7年度） 段階: 年度末報告 "
            "年度末報告の提出期限: 令和7年4月30日（水） （あと21日）"
        ), name
    # Pages about no one year show this year's phase and deadline.
    assert _status_bar(pages["home"].content.decode()) == (
        "年度: 令和7年度 段階: 目標設定 "
        "DXポイントの提出期限: 令和7年9月8日（月） （あと152日）"
    )


def test_a_year_named_in_the_address_is_shown(client_as, two_years):
    client = client_as("dx_office")
    with time_machine.travel(APRIL, tick=False):
        past = client.get("/org/?year=2024").content.decode()
        future = client.get("/org/?year=2027").content.decode()
        phase = client.get("/years/2024/phase/").content.decode()
    assert _status_bar(past).startswith(
        "この画面の年度: 令和6年度 （今年度は令和7年度）"
    )
    assert _status_bar(phase).startswith("この画面の年度: 令和6年度")
    assert _status_bar(future) == (
        "この画面の年度: 令和9年度 （今年度は令和7年度） "
        "ポータルではまだ開始されていません"
    )


def test_the_return_page_names_the_point_s_year(client_as, two_years, make_point):
    point = make_point(
        FiscalYear.objects.get(year=2024),
        state="approved",
        report={"state": "submitted", "actual": 10},
    )
    with time_machine.travel(APRIL, tick=False):
        body = client_as("head").get(f"/points/{point.pk}/report/return/")
    assert body.status_code == 200
    assert _status_bar(body.content.decode()).startswith("この画面の年度: 令和6年度")


@pytest.mark.parametrize(
    ("who", "url", "bar"),
    [
        (
            "dxer",
            "/points/?year=2024",
            "この画面の年度: 令和6年度 （今年度は令和7年度）",
        ),
        ("dxer", "/points/", "年度: 令和7年度 段階: 目標設定"),
        ("head", "/review/", "年度: 令和7年度 段階: 目標設定"),
        ("head", "/departments/{department}/?year=2024", "この画面の年度: 令和6年度"),
        ("viewer", "/points/search/?q=窓口", "年度: 令和7年度 段階: 目標設定"),
        ("dx_office", "/dashboard/?year=2024", "この画面の年度: 令和6年度"),
    ],
)
def test_a_page_that_lists_every_year_reads_them_once(
    client_as, two_years, org, who, url, bar
):
    """Its status bar picks this year among the years the page read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(who)
    with (
        time_machine.travel(APRIL, tick=False),
        CaptureQueriesContext(connection) as captured,
    ):
        body = client.get(url.format(department=org.shimin.pk)).content.decode()
    assert _status_bar(body).startswith(bar)
    years = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('SELECT "initiatives_fiscalyear"."year"')
    ]
    every_year_newest_first = 'ORDER BY "initiatives_fiscalyear"."year" DESC'
    assert sum(sql.endswith(every_year_newest_first) for sql in years) == 1
    # The status bar's own query (the open years and today's) is not made.
    assert not any('"initiatives_fiscalyear"."phase" = ' in sql for sql in years)
