"""seed_demo publishes the annual reports of the closed years, once."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from evaluation.models import AnnualReport
from evaluation.rollups import annual_report_data, counted_points, roll_up
from initiatives.models import FiscalYear

pytestmark = pytest.mark.django_db


def seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())


def test_closed_years_are_published_once_with_their_own_figures():
    seed()
    reports = list(AnnualReport.objects.order_by("fiscal_year"))
    assert [(r.fiscal_year_id, r.version, r.status) for r in reports] == [
        (2022, 1, "published"),
        (2023, 1, "published"),
    ]
    for report in reports:
        fiscal_year = FiscalYear.objects.get(year=report.fiscal_year_id)
        frozen = report.frozen()
        live = annual_report_data(roll_up(fiscal_year), status="published", version=1)
        assert frozen["figures"] == live
        assert (
            frozen["figures"]["totals"]["points"] == counted_points(fiscal_year).count()
        )
        assert frozen["summary"].startswith(f"{fiscal_year.label}は、各部で")
        # The best rates of the year are the highlights.
        points = counted_points(fiscal_year).select_related("report", "fiscal_year")
        rates = sorted(
            (p.report.rate for p in points if p.report.rate is not None),
            reverse=True,
        )
        chosen = {h["id"] for h in frozen["highlights"]}
        assert len(chosen) == 2
        assert all(p.report.rate >= rates[1] for p in points.filter(pk__in=chosen))
    assert not AnnualReport.objects.filter(fiscal_year=2024).exists()

    before = [(r.pk, r.snapshot) for r in reports]
    seed()
    assert [
        (r.pk, r.snapshot) for r in AnnualReport.objects.order_by("fiscal_year")
    ] == (before)
