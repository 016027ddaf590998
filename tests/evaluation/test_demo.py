"""seed_demo publishes the annual reports of the closed years that have points."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from evaluation.models import AnnualReport
from initiatives.models import (
    AchievementReport,
    DxPoint,
    FiscalYear,
    Principle,
    Section,
)

pytestmark = pytest.mark.django_db


def seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())


def add_point(year: int, code: str, actual: int, hours: int) -> DxPoint:
    point = DxPoint.objects.create(
        fiscal_year=FiscalYear.objects.get(year=year),
        section=Section.objects.get(code=code),
        title=f"{code}の取組",
        description="説明",
        business="事務事業",
        stage="digitalization",
        indicator_name="件数",
        indicator_unit="件",
        baseline=Decimal(0),
        target=Decimal(100),
        state="approved",
    )
    point.principles.set(Principle.objects.filter(number__in=[1, 2]))
    AchievementReport.objects.create(
        point=point,
        actual=Decimal(actual),
        effect="効果があった。",
        hours_saved=Decimal(hours),
        state="confirmed",
    )
    return point


def test_no_points_no_reports():
    seed()
    assert not AnnualReport.objects.exists()


def test_closed_years_with_points_are_published_once():
    seed()
    best = add_point(2022, "SIM-01", 120, 300)
    add_point(2022, "FUK-04", 60, 100)
    second = add_point(2022, "KIK-01", 90, 0)
    add_point(2024, "SIM-01", 50, 10)  # 2024 is not closed: no report
    seed()
    report = AnnualReport.objects.get()
    assert (report.fiscal_year_id, report.version, report.status) == (
        2022,
        1,
        "published",
    )
    frozen = report.frozen()
    assert frozen["report"]["totals"]["points"] == 3
    assert frozen["report"]["totals"]["average_rate"] == 90.0
    assert "令和4年度は、各部で3件のDXポイントが承認され" in frozen["summary"]
    assert "年間400時間" in frozen["summary"]
    # The two best rates are highlighted (120% and 90%, not 60%).
    assert {h["id"] for h in frozen["highlights"]} == {best.pk, second.pk}
    comments = {c["department"]: c["comment"] for c in frozen["department_comments"]}
    assert comments["市民生活部"].startswith("市民生活部は1件のDXポイントに取り組み")
    assert comments["総務部"] == ""

    before = AnnualReport.objects.count(), report.snapshot
    seed()
    assert (AnnualReport.objects.count(), AnnualReport.objects.get().snapshot) == before
