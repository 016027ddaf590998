"""Heads keep their department's plans; the DX office keeps leading projects."""

import pytest

from initiatives.models import LeadingProject, Plan


@pytest.fixture
def plan(org):
    return Plan.objects.create(
        title="入間市市民サービス向上計画", department=org.shimin
    )


def test_everyone_signed_in_reads_plans_and_projects(client_as, plan):
    for role in ("viewer", "dxer2", "head2"):
        assert (
            "入間市市民サービス向上計画"
            in client_as(role).get("/plans/").content.decode()
        )


def test_head_adds_a_plan_for_their_department(client_as, org):
    response = client_as("head").post(
        "/plans/new/",
        {
            "title": "窓口DX計画",
            "department": org.shimin.pk,
            "start_year": "令和7年度",
            "end_year": "2029",
            "url": "city.iruma.example/plan",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(title="窓口DX計画")
    assert (plan.start_year, plan.end_year) == (2025, 2029)
    assert plan.url == "https://city.iruma.example/plan"


def test_head_cannot_add_a_plan_for_another_department(client_as, org):
    response = client_as("head").post(
        "/plans/new/", {"title": "他部の計画", "department": org.fukushi.pk}
    )
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert not Plan.objects.filter(title="他部の計画").exists()


def test_another_departments_head_gets_404_for_the_plan(client_as, plan):
    assert client_as("head2").get(f"/plans/{plan.pk}/edit/").status_code == 404
    response = client_as("head2").post(
        f"/plans/{plan.pk}/edit/",
        {"title": "乗っ取り", "department": plan.department_id},
    )
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.title == "入間市市民サービス向上計画"


def test_plan_period_in_order(client_as, org):
    response = client_as("dx_office").post(
        "/plans/new/",
        {
            "title": "逆順",
            "department": org.shimin.pk,
            "start_year": "2026",
            "end_year": "2024",
        },
    )
    assert "終期は始期以降" in response.content.decode()


def test_dxer_and_viewer_cannot_edit_plans(client_as, plan):
    for role in ("dxer", "viewer"):
        assert client_as(role).get("/plans/new/").status_code == 403
        assert client_as(role).get(f"/plans/{plan.pk}/edit/").status_code == 403


def test_dx_office_keeps_leading_projects(client_as, org):
    response = client_as("dx_office").post(
        "/projects/new/",
        {
            "title": "書かない窓口",
            "description": "全庁で進める",
            "lead_department": org.shimin.pk,
            "departments": [org.fukushi.pk, org.kikaku.pk],
        },
    )
    assert response.status_code == 302
    project = LeadingProject.objects.get(title="書かない窓口")
    assert set(project.departments.all()) == {org.fukushi, org.kikaku}
    assert client_as("head").get("/projects/new/").status_code == 403
