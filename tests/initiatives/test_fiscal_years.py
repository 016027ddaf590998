"""The DX office opens fiscal years and moves them through their phases."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from initiatives.models import FiscalYear, Phase, PhaseChange


def test_label_is_reiwa(make_year):
    assert make_year(2024).label == "令和6年度"
    assert make_year(2019).label == "令和元年度"


def test_dx_office_opens_a_year(client_as):
    client = client_as("dx_office")
    response = client.post(
        "/years/new/",
        {
            "year": "令和６年度",
            "target_deadline": "２０２４年５月３１日",
            "report_deadline": "2025-04-30",
        },
    )
    assert response.status_code == 302
    year = FiscalYear.objects.get(year=2024)
    assert year.phase == Phase.PLANNING
    assert year.target_deadline == date(2024, 5, 31)
    change = PhaseChange.objects.get(fiscal_year=year)
    assert (
        change.to_phase == Phase.PLANNING and change.changed_by.username == "dxoffice"
    )


def test_new_year_takes_over_thresholds(make_year, client_as):
    make_year(2023, level_b_threshold=75, fte_hours=1800)
    client_as("dx_office").post(
        "/years/new/",
        {
            "year": "2024",
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
        },
    )
    year = FiscalYear.objects.get(year=2024)
    assert (year.level_b_threshold, year.fte_hours) == (75, 1800)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": "R6"}, "year", "令和6年度"),
        (
            {
                "year": "2024",
                "target_deadline": "2024-06-30",
                "report_deadline": "2024-05-01",
            },
            "report_deadline",
            "後にしてください",
        ),
        ({"year": "1990"}, "year", "2000〜2100"),
    ],
)
def test_bad_input_is_explained_and_nothing_opens(client_as, data, field, message):
    payload = {"target_deadline": "2024-05-31", "report_deadline": "2025-04-30", **data}
    response = client_as("dx_office").post("/years/new/", payload)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not FiscalYear.objects.exists()


def test_opening_a_year_twice_is_refused(make_year, client_as):
    make_year(2024)
    response = client_as("dx_office").post(
        "/years/new/",
        {
            "year": "2024",
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
        },
    )
    assert "既に開始" in " ".join(response.context["form"].errors["year"])


@pytest.mark.parametrize("role", ["viewer", "dxer", "head", "admin"])
def test_only_the_dx_office_runs_the_year(client_as, make_year, role):
    make_year(2024)
    client = client_as(role)
    assert client.get("/years/").status_code == 403
    assert (
        client.post("/years/2024/phase/", {"to_phase": "in_progress"}).status_code
        == 403
    )
    assert FiscalYear.objects.get(year=2024).phase == Phase.PLANNING


def test_phase_moves_forward_one_step_and_is_recorded(client_as, make_year):
    make_year(2024)
    client = client_as("dx_office")
    page = client.get("/years/2024/phase/")
    assert "次へ進める：実施中" in page.content.decode()
    # The four sections have no DX point yet: the move names them, and is
    # confirmed (tests/initiatives/test_phase_moves.py has the rule).
    response = client.post(
        "/years/2024/phase/",
        {"to_phase": "in_progress", "confirm_open": "on", "open_items": "4"},
    )
    assert response.status_code == 302
    assert FiscalYear.objects.get(year=2024).phase == Phase.IN_PROGRESS
    skipped = client.post("/years/2024/phase/", {"to_phase": "evaluation"})
    assert skipped.status_code == 200  # not a choice: one step at a time
    assert FiscalYear.objects.get(year=2024).phase == Phase.IN_PROGRESS


def test_going_back_needs_a_reason(client_as, make_year):
    make_year(2024, phase=Phase.REPORTING)
    client = client_as("dx_office")
    response = client.post(
        "/years/2024/phase/", {"to_phase": "planning", "reason": " "}
    )
    assert response.status_code == 200
    assert "理由を入力してください" in response.content.decode()
    assert FiscalYear.objects.get(year=2024).phase == Phase.REPORTING
    client.post(
        "/years/2024/phase/",
        {"to_phase": "planning", "reason": "提出漏れの課があったため"},
    )
    year = FiscalYear.objects.get(year=2024)
    assert year.phase == Phase.PLANNING
    change = year.phase_changes.first()
    assert change.is_backward and change.reason == "提出漏れの課があったため"
    history = client.get("/years/2024/").content.decode()
    assert "提出漏れの課があったため" in history and "入間 みらい" in history


def test_settings_edit_validates_thresholds(client_as, make_year):
    make_year(2024)
    client = client_as("dx_office")
    bad = client.post(
        "/years/2024/edit/",
        {
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
            "level_a_threshold": "80",
            "level_b_threshold": "90",
            "level_c_threshold": "50",
            "fte_hours": "1860",
        },
    )
    assert bad.status_code == 200
    assert FiscalYear.objects.get(year=2024).level_a_threshold == 100
    good = client.post(
        "/years/2024/edit/",
        {
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
            "level_a_threshold": "１００",
            "level_b_threshold": "85",
            "level_c_threshold": "60",
            "fte_hours": "１，９００",
        },
    )
    assert good.status_code == 302
    year = FiscalYear.objects.get(year=2024)
    assert (year.level_b_threshold, year.fte_hours) == (85, 1900)


def test_every_signed_in_page_shows_year_phase_and_days_left(client_as, make_year):
    today = timezone.localdate()
    make_year(
        2024,
        target_deadline=today + timedelta(days=12),
        report_deadline=today + timedelta(days=200),
    )
    body = client_as("dxer").get("/").content.decode()
    assert "令和6年度" in body
    assert "目標設定" in body
    assert "DXポイントの提出期限" in body
    assert "（あと12日）" in body


def test_overdue_deadline_is_said_in_words(client_as, make_year):
    with time_machine.travel("2024-06-03 10:00 +09:00", tick=False):
        make_year(2024, target_deadline=date(2024, 5, 31))
        body = client_as("viewer").get("/vision/").content.decode()
    assert "（3日超過）" in body


@pytest.mark.parametrize(
    ("rate", "level"),
    [
        ("130", "A"),
        ("100", "A"),
        ("99.9", "B"),
        ("80", "B"),
        ("50", "C"),
        ("49.9", "D"),
    ],
)
def test_level_for_rate(make_year, rate, level):
    from decimal import Decimal

    assert make_year(2024).level_for_rate(Decimal(rate)) == level
