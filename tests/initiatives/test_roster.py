"""The DXer roster: each appointment's dates, training records (the DX office)."""

from datetime import date
from decimal import Decimal

import pytest

from initiatives import services
from initiatives.models import Assignment, Role, Training
from initiatives.roster import roster_of


def test_an_appointment_runs_from_1_april_by_default(people, org):
    assignment = Assignment.objects.get(user=people.dxer)
    assert (assignment.appointed_on, assignment.ended_on) == (date(2020, 4, 1), None)
    services.end_assignment(assignment, last_year=2025)
    assignment.refresh_from_db()
    # Ending the role ends the term with the fiscal year: 31 March 2026.
    assert assignment.ended_on == date(2026, 3, 31)
    assert assignment.term_label == "2020年4月1日〜2026年3月31日"


def test_the_april_rotation_dates_both_terms(people, org):
    services.apply_rotation(
        year=2027,
        changes=[
            services.RotationChange(
                unit=org.shimin_ka,
                role=Role.DXER,
                before=people.dxer,
                after=people.viewer,
            )
        ],
        by=people.dx_office,
    )
    outgoing = Assignment.objects.get(user=people.dxer, role=Role.DXER)
    incoming = Assignment.objects.get(user=people.viewer)
    assert outgoing.ended_on == date(2027, 3, 31)
    assert incoming.appointed_on == date(2027, 4, 1)
    assert roster_of(2027).sections_with_dxer == roster_of(2026).sections_with_dxer


def give_role(client, person, org, **extra):
    return client.post(
        f"/org/people/{person.pk}/",
        {
            "assign": "1",
            "assign-role": "dxer",
            "assign-section": org.zeimu_ka.pk,
            "assign-start_year": "2025",
            **extra,
        },
    )


def test_the_dx_office_gives_a_role_with_its_dates(client_as, people, org):
    client = client_as("dx_office")
    response = give_role(
        client,
        people.viewer,
        org,
        **{"assign-appointed_on": "２０２５年７月１日", "assign-end_year": "2026"},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(user=people.viewer)
    assert (assignment.appointed_on, assignment.ended_on) == (
        date(2025, 7, 1),
        date(2027, 3, 31),
    )
    page = client.get(f"/org/people/{people.viewer.pk}/").content.decode()
    assert "2025年7月1日〜2027年3月31日" in page


def test_dates_outside_their_fiscal_years_are_refused(client_as, people, org):
    response = give_role(
        client_as("dx_office"),
        people.viewer,
        org,
        **{"assign-appointed_on": "2025-03-31"},
    )
    assert response.status_code == 200
    assert "任命日は最初の年度（令和7年度）の日付にしてください。" in (
        response.content.decode()
    )
    assert not Assignment.objects.filter(user=people.viewer).exists()


def test_training_is_recorded_listed_and_deleted(client_as, people):
    client = client_as("dx_office")
    url = f"/org/people/{people.dxer.pk}/trainings/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"course": "", "taken_on": "2024-06-01", "hours": "0"})
    assert bad.status_code == 200
    body = bad.content.decode()
    assert 'id="id_course_error"' in body and 'id="id_hours_error"' in body
    response = client.post(
        url,
        {
            "course": "生成AI活用研修",
            "taken_on": "２０２４年６月１日",
            "hours": "１．５",
        },
    )
    assert response.status_code == 302
    training = Training.objects.get()
    assert (training.user, training.hours, training.created_by) == (
        people.dxer,
        Decimal("1.5"),
        people.dx_office,
    )
    person_page = client.get(f"/org/people/{people.dxer.pk}/").content.decode()
    assert "生成AI活用研修" in person_page
    listing = client.get("/org/trainings/?year=2024").content.decode()
    assert "生成AI活用研修" in listing and "窓口 花子" in listing
    assert (
        "生成AI活用研修" not in client.get("/org/trainings/?year=2025").content.decode()
    )
    assert client.post(f"/org/trainings/{training.pk}/delete/").status_code == 302
    assert not Training.objects.exists()


@pytest.mark.parametrize("role", ["dxer", "head", "viewer"])
def test_only_the_dx_office_records_training(role, client_as, people):
    training = Training.objects.create(
        user=people.dxer, course="研修", taken_on=date(2024, 6, 1), hours=1
    )
    client = client_as(role)
    url = f"/org/people/{people.dxer.pk}/trainings/"
    assert (
        client.post(
            url, {"course": "x", "taken_on": "2024-06-01", "hours": "1"}
        ).status_code
        == 403
    )
    assert client.post(f"/org/trainings/{training.pk}/delete/").status_code == 403
    assert Training.objects.count() == 1
