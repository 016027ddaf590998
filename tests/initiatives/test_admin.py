"""Django admin never skips the history or the phase record the portal keeps."""

from decimal import Decimal

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import (
    AchievementReport,
    Assignment,
    Department,
    FiscalYear,
    PhaseChange,
    Section,
)


def test_a_years_phase_cannot_be_changed_in_the_admin(client_as, make_year):
    year = make_year(2024, phase="planning")
    admin = client_as("admin")
    url = reverse("admin:initiatives_fiscalyear_change", args=[year.pk])
    page = admin.get(url).content.decode()
    assert 'name="phase"' not in page  # shown, not editable
    admin.post(
        url,
        {
            "phase": "closed",
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
            "level_a_threshold": "100",
            "level_b_threshold": "80",
            "level_c_threshold": "50",
            "fte_hours": "1860",
            "phase_changes-TOTAL_FORMS": "0",
            "phase_changes-INITIAL_FORMS": "0",
        },
    )
    year.refresh_from_db()
    assert year.phase == "planning"
    assert not PhaseChange.objects.exists()


def test_admin_threshold_changes_update_the_stored_levels(
    client_as, make_year, make_point
):
    year = make_year(2024, phase="evaluation")
    point = make_point(
        year, state="approved", report={"actual": Decimal(90), "state": "confirmed"}
    )
    response = client_as("admin").post(
        reverse("admin:initiatives_fiscalyear_change", args=[year.pk]),
        {
            "target_deadline": "2024-05-31",
            "report_deadline": "2025-04-30",
            "level_a_threshold": "90",
            "level_b_threshold": "80",
            "level_c_threshold": "50",
            "fte_hours": "1860",
            "hourly_cost": "4500",
            "phase_changes-TOTAL_FORMS": "0",
            "phase_changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert FiscalYear.objects.get(pk=year.pk).level_a_threshold == 90
    assert AchievementReport.objects.get(point=point).level == "A"


def test_years_are_opened_on_the_portal_not_in_the_admin(client_as, people):
    admin = client_as("admin")
    assert admin.get(reverse("admin:initiatives_fiscalyear_add")).status_code == 403


@pytest.mark.parametrize("model", [Department, Section])
def test_a_units_name_and_life_span_are_read_only_in_the_admin(client_as, org, model):
    unit = model.objects.order_by("pk").last()
    url = reverse(f"admin:initiatives_{model._meta.model_name}_change", args=[unit.pk])
    page = client_as("admin").get(url).content.decode()
    for field in ("name", "retired_from", "active_from"):
        assert f'name="{field}"' not in page


def test_giving_a_role_on_the_person_page_goes_through_the_service(
    client_as, people, org, monkeypatch
):
    calls = []
    assign_role = services.assign_role

    def spy(**kwargs):
        calls.append(kwargs)
        return assign_role(**kwargs)

    monkeypatch.setattr(services, "assign_role", spy)
    response = client_as("dx_office").post(
        f"/org/people/{people.viewer.pk}/",
        {
            "assign": "1",
            "assign-role": "dxer",
            "assign-section": org.zeimu_ka.pk,
            "assign-start_year": "2024",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(user=people.viewer)
    assert assignment.created_by == people.dx_office
    assert assignment.section == org.zeimu_ka
    assert [call["by"] for call in calls] == [people.dx_office]
