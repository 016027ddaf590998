"""``seed_demo`` builds the demo city once; every demo account can sign in."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from initiatives.models import (
    Assignment,
    Department,
    FiscalYear,
    LeadingProject,
    Plan,
    Section,
    User,
)

pytestmark = pytest.mark.django_db

MODELS = (User, Department, Section, Assignment, FiscalYear, Plan, LeadingProject)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo():
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)


def test_refused_with_debug_off():
    with override_settings(DEBUG=False), pytest.raises(CommandError) as error:
        call_command("seed_demo")
    assert "--force" in str(error.value)
    assert not User.objects.exists()


def test_runs_with_force():
    with override_settings(DEBUG=False):
        call_command("seed_demo", "--force", verbosity=0)
    assert User.objects.filter(username="dxer").exists()


def test_twice_changes_nothing(demo):
    before = _counts()
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert _counts() == before


def test_a_believable_city(demo):
    assert 10 <= Department.objects.count() <= 12
    assert 35 <= Section.objects.count() <= 45
    assert Section.objects.get(is_dx_office=True).name == "デジタル行政推進課"
    assert list(FiscalYear.objects.order_by("year").values_list("year", flat=True)) == [
        2022,
        2023,
        2024,
    ]
    assert FiscalYear.objects.get(year=2024).phase in ("planning", "reporting")
    assert Plan.objects.count() >= 10
    assert 2 <= LeadingProject.objects.count() <= 3
    # Every section has its DXer and every department its head.
    assert not Section.objects.exclude(assignments__role="dxer").exists()
    assert not Department.objects.exclude(assignments__role="head").exists()


def test_dxer_and_head_are_in_the_same_department(demo):
    dxer = Assignment.objects.get(user__username="dxer")
    head = Assignment.objects.get(user__username="head")
    dxer2 = Assignment.objects.get(user__username="dxer2")
    head2 = Assignment.objects.get(user__username="head2")
    assert dxer.section.department == head.department
    assert dxer2.section.department == head2.department != head.department


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("dxoffice", "DXerがいない課"),
        ("head", "市民生活部の課とDXer"),
        ("dxer", "あなたは次の課のDXerです"),
        ("head2", "福祉部の課とDXer"),
        ("dxer2", "介護保険課"),
        ("viewer", "DXの心得（5つ）"),
        ("admin", "管理サイト"),
    ],
)
def test_every_demo_account_signs_in_and_sees_its_home(demo, username, expected):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": "iruma-dx-demo"}
    )
    assert response.status_code == 302, username
    home = client.get("/")
    assert home.status_code == 200
    assert expected in home.content.decode()
