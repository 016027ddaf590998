"""The DX office keeps the organisation and the roles on portal pages."""

import pytest

from initiatives.models import Assignment, Department, Role, Section, User


def test_overview_shows_heads_dxers_and_who_is_missing(client_as, org):
    body = client_as("dx_office").get("/org/?year=2026").content.decode()
    assert "市民 一郎" in body and "窓口 花子" in body
    assert "DXerがいない課が2あります" in body  # デジタル行政推進課, 市民税課


def test_overview_of_a_past_year_shows_the_organisation_it_had(client_as, org, people):
    from initiatives import services

    services.rename_section(
        org.zeimu_ka, name="税務課", from_year=2025, by=people.dx_office
    )
    past = client_as("dx_office").get("/org/?year=2024").content.decode()
    now = client_as("dx_office").get("/org/?year=2025").content.decode()
    assert "市民税課" in past and "税務課" not in past
    assert "税務課" in now and "市民税課（令和7年度から廃止）" in now


def test_overview_query_count_does_not_grow(client_as, org, count_queries):
    client = client_as("dx_office")
    client.get("/org/")  # warm the session

    def overview():
        assert client.get("/org/").status_code == 200

    before = count_queries(overview)
    for index in range(30):
        Section.objects.create(
            department=org.fukushi, name=f"課{index}", code=f"X-{index}"
        )
    assert count_queries(overview) == before
    # session + user, roles, fiscal year (status bar), request savepoint pair,
    # departments, their heads, sections, their DXers, retired units (2).
    assert before <= 13


def test_add_and_edit_units(client_as, org):
    client = client_as("dx_office")
    response = client.post(
        "/org/departments/new/", {"name": "消防部", "code": "SHO", "display_order": 90}
    )
    assert response.status_code == 302
    department = Department.objects.get(code="SHO")
    response = client.post(
        "/org/sections/new/",
        {
            "department": department.pk,
            "name": "予防課",
            "code": "SHO-01",
            "display_order": 10,
            "active_from": "令和7年度",
        },
    )
    assert response.status_code == 302
    assert Section.objects.get(code="SHO-01").active_from == 2025


def test_duplicate_active_code_is_refused_in_japanese(client_as, org):
    response = client_as("dx_office").post(
        "/org/sections/new/",
        {
            "department": org.shimin.pk,
            "name": "別の課",
            "code": "SIM-01",
            "display_order": 1,
        },
    )
    assert response.status_code == 200
    assert "このコードは既に使われています" in response.content.decode()


def test_retire_a_department_that_still_has_sections_is_refused(client_as, org):
    response = client_as("dx_office").post(
        f"/org/departments/{org.fukushi.pk}/retire/", {"from_year": "2026"}
    )
    assert response.status_code == 200
    assert "先に所属する課を廃止してください" in response.content.decode()
    org.fukushi.refresh_from_db()
    assert org.fukushi.retired_from is None


def test_retire_and_rename_sections(client_as, org, people):
    client = client_as("dx_office")
    assert (
        client.post(
            f"/org/sections/{org.kaigo_ka.pk}/retire/", {"from_year": "2026"}
        ).status_code
        == 302
    )
    org.kaigo_ka.refresh_from_db()
    assert org.kaigo_ka.retired_from == 2026
    response = client.post(
        f"/org/sections/{org.zeimu_ka.pk}/rename/",
        {"name": "税務課", "from_year": "2026"},
    )
    assert response.status_code == 302
    assert Section.objects.get(name="税務課").predecessor == org.zeimu_ka


def test_units_are_never_deleted_while_referred_to(org, people):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        org.shimin_ka.delete()


def test_add_a_person_and_give_a_role(client_as, org):
    client = client_as("dx_office")
    response = client.post(
        "/org/people/new/",
        {
            "username": "tanaka",
            "last_name": "田中",
            "first_name": "健一",
            "email": "tanaka@example.jp",
            "password1": "Iruma-2025-pass",
            "password2": "Iruma-2025-pass",
        },
    )
    person = User.objects.get(username="tanaka")
    assert response.status_code == 302
    response = client.post(
        f"/org/people/{person.pk}/",
        {
            "assign": "1",
            "assign-role": "dxer",
            "assign-section": org.zeimu_ka.pk,
            "assign-start_year": "2025",
        },
    )
    assert response.status_code == 302
    assert Assignment.objects.get(user=person).section == org.zeimu_ka


def test_giving_a_taken_section_is_refused(client_as, org, people, django_user_model):
    person = django_user_model.objects.create_user("tanaka")
    response = client_as("dx_office").post(
        f"/org/people/{person.pk}/",
        {
            "assign": "1",
            "assign-role": "dxer",
            "assign-section": org.shimin_ka.pk,
            "assign-start_year": "2025",
        },
    )
    assert response.status_code == 200
    assert "既に窓口 花子さんがいます" in response.content.decode()
    assert not Assignment.objects.filter(user=person).exists()


def test_end_a_role(client_as, people):
    assignment = Assignment.objects.get(user=people.dxer2)
    response = client_as("dx_office").post(
        f"/org/assignments/{assignment.pk}/end/", {"last_year": "2025"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.end_year == 2025


def test_rotation_lists_every_change_before_applying(client_as, org, people):
    client = client_as("dx_office")
    page = client.get("/org/rotation/?year=2027")
    form = page.context["form"]
    data = {name: field.initial or "" for name, field in form.fields.items()}
    data[f"dxer_{org.shimin_ka.pk}"] = people.dxer2.pk
    data[f"dxer_{org.kaigo_ka.pk}"] = people.dxer.pk
    data[f"head_{org.kikaku.pk}"] = people.head2.pk
    confirm = client.post("/org/rotation/?year=2027", data)
    assert confirm.status_code == 200
    changes = confirm.context["changes"]
    assert len(changes) == 3
    assert Assignment.objects.filter(start_year=2027).count() == 0  # nothing yet
    body = confirm.content.decode()
    assert "人事異動を反映する" in body and "窓口 花子" in body
    done = client.post("/org/rotation/?year=2027", {**data, "confirm": "1"})
    assert done.status_code == 302
    assert (
        Assignment.objects.active_in(2027).get(section=org.shimin_ka).user
        == people.dxer2
    )
    assert (
        Assignment.objects.active_in(2026).get(section=org.shimin_ka).user
        == people.dxer
    )
    assert (
        Assignment.objects.active_in(2027)
        .get(role=Role.HEAD, department=org.kikaku)
        .user
        == people.head2
    )


def test_rotation_refuses_one_person_for_two_sections(client_as, org, people):
    client = client_as("dx_office")
    form = client.get("/org/rotation/?year=2027").context["form"]
    data = {name: field.initial or "" for name, field in form.fields.items()}
    data[f"dxer_{org.zeimu_ka.pk}"] = people.dxer.pk  # already 市民課's DXer
    response = client.post("/org/rotation/?year=2027", data)
    assert response.status_code == 200
    assert "既に" in response.content.decode()
    assert not Assignment.objects.filter(start_year=2027).exists()


@pytest.mark.parametrize("role", ["viewer", "dxer", "head", "admin"])
def test_organisation_pages_are_the_dx_offices(client_as, org, role):
    client = client_as(role)
    for url in ("/org/", "/org/people/", "/org/rotation/", "/org/departments/new/"):
        assert client.get(url).status_code == 403
    response = client.post("/org/departments/new/", {"name": "x", "code": "x"})
    assert response.status_code == 403
    assert not Department.objects.filter(code="x").exists()


def test_the_rotation_page_reads_people_once_however_many_units(
    client_as, org, count_queries
):
    """Every unit's select offers the same people: one query, not one per unit."""
    client = client_as("dx_office")

    def rotation():
        assert client.get("/org/rotation/?year=2027").status_code == 200

    rotation()  # warm the session
    few = count_queries(rotation)
    for number in range(30):
        Section.objects.create(
            department=org.fukushi, name=f"第{number}課", code=f"S{number}"
        )
    rotation()
    assert count_queries(rotation) == few
