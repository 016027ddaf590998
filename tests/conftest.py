"""Fixtures shared by every test: people per role, small data builders."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile(
    "portal",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("portal")


def pytest_configure(config):
    # Real password hashing costs a third of a second per user created.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production serves hashed static files collected by `collectstatic`;
    # tests render pages without collecting, so use the plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _quick_pdfs(request, monkeypatch):
    """A stand-in for the PDF renderer, unless a test is marked ``real_pdf``.

    Publishing makes every file of the version, the PDF among them, which
    takes WeasyPrint about a second; most tests never read it. The stand-in
    depends on the figures only, so equal contents still give equal bytes.
    """
    if request.node.get_closest_marker("real_pdf"):
        return
    import json

    from evaluation import pdf

    def stand_in(document: dict) -> bytes:
        figures = json.dumps(document["figures"], sort_keys=True, ensure_ascii=False)
        return b"%PDF-1.7\n% stand-in for tests\n" + figures.encode("utf-8")

    monkeypatch.setattr(pdf, "render_pdf", stand_in)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rendered report bodies, say)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password() -> str:
    return "a-Long-test-password-2024"


@pytest.fixture
def staff_user(django_user_model, password):
    """A system administrator who keeps the glossary in Django admin."""
    return django_user_model.objects.create_user(
        "glossary-admin", password=password, is_staff=True, is_superuser=True
    )


@pytest.fixture
def plain_user(django_user_model, password):
    """A member of staff with no role in the portal."""
    return django_user_model.objects.create_user("staff-member", password=password)


# The organisation and the people of most tests -------------------------------

ROLES = ("anonymous", "viewer", "dxer", "dxer2", "head", "head2", "dx_office", "admin")
SINCE = 2020  # assignments start early enough to cover "today" in any test


@pytest.fixture
def org(db):
    """Three departments: 企画部 (with the DX office), 市民生活部 and 福祉部."""
    from types import SimpleNamespace

    from initiatives.models import Department, Section

    kikaku = Department.objects.create(name="企画部", code="KIK", display_order=10)
    shimin = Department.objects.create(name="市民生活部", code="SIM", display_order=20)
    fukushi = Department.objects.create(name="福祉部", code="FUK", display_order=30)
    return SimpleNamespace(
        kikaku=kikaku,
        shimin=shimin,
        fukushi=fukushi,
        dx_section=Section.objects.create(
            department=kikaku,
            name="デジタル行政推進課",
            code="KIK-03",
            is_dx_office=True,
        ),
        shimin_ka=Section.objects.create(
            department=shimin, name="市民課", code="SIM-01"
        ),
        zeimu_ka=Section.objects.create(
            department=shimin, name="市民税課", code="SIM-02"
        ),
        kaigo_ka=Section.objects.create(
            department=fukushi, name="介護保険課", code="FUK-04"
        ),
    )


@pytest.fixture
def people(org, django_user_model, password):
    """One person per role: dxer and head in 市民生活部, dxer2 and head2 in 福祉部."""
    from types import SimpleNamespace

    from initiatives.models import Assignment, Role

    def person(username, last, first, **extra):
        return django_user_model.objects.create_user(
            username,
            password=password,
            last_name=last,
            first_name=first,
            email=f"{username}@example.jp",
            **extra,
        )

    team = SimpleNamespace(
        viewer=person("viewer", "閲覧", "四郎"),
        dxer=person("dxer", "窓口", "花子"),
        dxer2=person("dxer2", "介護", "三奈"),
        head=person("head", "市民", "一郎"),
        head2=person("head2", "福祉", "次郎"),
        dx_office=person("dxoffice", "入間", "みらい"),
        admin=person("admin", "管理", "太郎", is_staff=True, is_superuser=True),
    )
    Assignment.objects.create(
        user=team.dxer, role=Role.DXER, section=org.shimin_ka, start_year=SINCE
    )
    Assignment.objects.create(
        user=team.dxer2, role=Role.DXER, section=org.kaigo_ka, start_year=SINCE
    )
    Assignment.objects.create(
        user=team.head, role=Role.HEAD, department=org.shimin, start_year=SINCE
    )
    Assignment.objects.create(
        user=team.head2, role=Role.HEAD, department=org.fukushi, start_year=SINCE
    )
    Assignment.objects.create(
        user=team.dx_office, role=Role.DX_OFFICE, start_year=SINCE
    )
    return team


@pytest.fixture
def client_as(people):
    """Return a test client signed in as the person of a role (or anonymous)."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(people, role))
        return client

    return make


def first_edition():
    """The national plan's first edition (the Vision's six focus areas).

    A data migration loads it; tests that empty the tables (live servers)
    get it back here, without its focus areas.
    """
    from datetime import date

    from initiatives.models import NationalPlanEdition

    edition, _created = NationalPlanEdition.objects.get_or_create(
        code="1.0",
        defaults={"title": "第1.0版", "published_on": date(2020, 12, 25)},
    )
    return edition


@pytest.fixture
def make_year(people):
    """Open a fiscal year in a given phase (default: planning) on edition 1.0."""
    from datetime import date

    from initiatives.models import FiscalYear

    def make(year: int = 2024, phase: str = "planning", **extra) -> FiscalYear:
        if "focus_area_edition" not in extra:
            extra["focus_area_edition"] = first_edition()
        return FiscalYear.objects.create(
            year=year,
            phase=phase,
            target_deadline=extra.pop("target_deadline", date(year, 5, 31)),
            report_deadline=extra.pop("report_deadline", date(year + 1, 4, 30)),
            created_by=people.dx_office,
            **extra,
        )

    return make


# Fiscal year 2024 in each phase (deadlines 31 May 2024 and 30 April 2025),
# and a closed past year. Tests that need another year call make_year.


@pytest.fixture
def planning(make_year):
    return make_year(2024, phase="planning")


@pytest.fixture
def in_progress(make_year):
    return make_year(2024, phase="in_progress")


@pytest.fixture
def reporting(make_year):
    return make_year(2024, phase="reporting")


@pytest.fixture
def evaluation(make_year):
    return make_year(2024, phase="evaluation")


@pytest.fixture
def closed_year(make_year):
    return make_year(2022, phase="closed")


@pytest.fixture
def point_values(org, people):
    """The field values of a test point: 市民課, a numeric indicator rising
    from 0 to 100, state draft; ``overrides`` replace any of them."""
    from decimal import Decimal

    def values(**overrides) -> dict:
        return {
            "section": org.shimin_ka,
            "title": "窓口申請のオンライン化",
            "description": "転入届の事前入力をオンラインで受け付ける。",
            "business": "住民異動届の受付",
            "stage": "digitalization",
            "indicator_name": "オンライン申請の割合",
            "indicator_unit": "%",
            "baseline": Decimal(0),
            "target": Decimal(100),
            "state": "draft",
            "created_by": people.dxer,
            **overrides,
        }

    return values


@pytest.fixture
def make_point(point_values):
    """Build a DX point straight in the database (no workflow checks).

    Defaults: those of ``point_values`` and principle 1. Pass
    ``report={...}`` to give it a year-end report.
    """
    from initiatives.models import AchievementReport, DxPoint, Principle

    def make(fiscal_year, **overrides) -> DxPoint:
        principles = overrides.pop("principles", [1])
        report = overrides.pop("report", None)
        point = DxPoint.objects.create(
            fiscal_year=fiscal_year, **point_values(**overrides)
        )
        point.principles.set(Principle.objects.filter(number__in=principles))
        if report is not None:
            AchievementReport.objects.create(
                point=point, **{"effect": "受付時間が短くなった。", **report}
            )
        return point

    return make


@pytest.fixture
def make_points(point_values):
    """Build many points at once (bulk inserts), for query counts at scale.

    Point ``i`` is titled 窓口``i`` and takes ``states[i % len(states)]``;
    the other values are ``point_values``'.
    """
    from initiatives.models import DxPoint, Principle

    def make(fiscal_year, count: int, *, states=("draft",), principles=(1,)):
        points = DxPoint.objects.bulk_create(
            DxPoint(
                fiscal_year=fiscal_year,
                **point_values(title=f"窓口{index}", state=states[index % len(states)]),
            )
            for index in range(count)
        )
        through = DxPoint.principles.through
        chosen = list(Principle.objects.filter(number__in=principles))
        through.objects.bulk_create(
            through(dxpoint_id=point.pk, principle_id=principle.pk)
            for point in points
            for principle in chosen
        )
        return points

    return make


PROJECT_APPS = ("glossary", "initiatives", "evaluation")


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker) -> str:
    """Every row the data migrations loaded (the glossary, the principles …).

    Read once, as the migrated test database holds them before any test
    ran, in the order their foreign keys need.
    """
    with django_db_blocker.unblock():
        models = [
            model
            for app in PROJECT_APPS
            for model in apps.get_app_config(app).get_models()
        ]
        rows = [
            row
            for model in serializers.sort_dependencies(
                [(apps.get_app_config(app), None) for app in PROJECT_APPS]
            )
            if model in models
            for row in model._default_manager.order_by("pk")
        ]
        assert rows, "the reference data must be read before any test empties it"
        return serializers.serialize("json", rows)


@pytest.fixture
def reload_reference_data(reference_data, transactional_db):
    """Load the reference data again: transactional tests empty every table.

    Django's serialized_rollback would keep a copy on the connection object,
    but Playwright's greenlets make Django hand the test a different one; so
    the rows read at the start (``reference_data``) are saved again. Saving a
    row that is still there changes nothing.
    """
    for row in serializers.deserialize("json", reference_data):
        row.save()


@pytest.fixture
def count_queries():
    """``count_queries(work)``: how many SQL queries ``work()`` makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(work) -> int:
        with CaptureQueriesContext(connection) as captured:
            work()
        return len(captured.captured_queries)

    return count
