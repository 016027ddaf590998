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
    assert dict(FiscalYear.objects.order_by("year").values_list("year", "phase")) == {
        2022: "closed",
        2023: "closed",
        2024: "reporting",
        2025: "planning",
    }
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


def test_a_newcomer_adds_a_point_to_the_year_in_planning(demo):
    from initiatives.models import DxPoint, Principle

    client = Client()
    client.post("/accounts/login/", {"username": "dxer", "password": "iruma-dx-demo"})
    # The DXer's list opens on the year in planning, with the button to add.
    points = client.get("/points/")
    assert points.context["fiscal_year"].year == 2025
    assert "DXポイントを追加" in points.content.decode()
    assert not DxPoint.objects.filter(fiscal_year=2025).exists()
    response = client.post(
        "/points/new/?year=2025",
        {
            "year": "2025",
            "title": "窓口のキャッシュレス化",
            "description": "手数料の支払いにキャッシュレス決済を使えるようにする。",
            "principles": [Principle.objects.get(number=3).pk],
            "business": "証明書の交付",
            "stage": "digitalization",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert DxPoint.objects.get(fiscal_year=2025).title == "窓口のキャッシュレス化"


def test_the_years_deadlines_lie_ahead_of_today(demo):
    from django.utils import timezone

    today = timezone.localdate()
    planning = FiscalYear.objects.get(year=2025)
    assert planning.target_deadline > today
    assert FiscalYear.objects.get(year=2024).report_deadline > today


def test_the_command_says_which_year_is_in_which_phase():
    import io

    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Fiscal year 2024" in text and "reporting" in text
    assert "Fiscal year 2025" in text and "planning" in text
