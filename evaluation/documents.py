"""The contents of one version of an annual report, as a plain dict.

A draft's contents are built live from the database (``live_document``); a
published version's are the same dict, frozen in ``AnnualReport.snapshot``
when it was published. Pages, exports and the command read either one the
same way, so a published version shows and exports exactly what was frozen.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.utils import translation

from initiatives.interchange import ALL_COLUMNS, point_rows
from initiatives.models import DxPoint, FiscalYear
from initiatives.roster import roster_of
from iruma_dx.lib.spreadsheet import plain_number

from . import highlights
from .headlines import completeness
from .models import AnnualReport, AnnualReportStatus
from .rollups import (
    RollUp,
    annual_report_data,
    coverage,
    roll_up,
    year_over_year,
)

FORMAT = 1


def next_version(fiscal_year: FiscalYear) -> int:
    """The number the next version of the year's report gets."""
    latest = fiscal_year.annual_reports.aggregate(latest=Max("version"))["latest"]
    return (latest or 0) + 1


def draft_of(fiscal_year: FiscalYear) -> AnnualReport | None:
    return (
        AnnualReport.objects.drafts()
        .filter(fiscal_year=fiscal_year)
        .select_related("fiscal_year", "updated_by")
        .first()
    )


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return plain_number(value)
    return value


def live_document(
    fiscal_year: FiscalYear,
    annual_report: AnnualReport | None = None,
    *,
    status: str = AnnualReportStatus.DRAFT,
    rollup: RollUp | None = None,
    with_points: bool = True,
) -> dict:
    """The report of ``fiscal_year`` as it stands now, with the draft's texts.

    A fixed number of queries whatever the number of points. ``rollup`` is
    the year's roll-up when the caller has it already. Pages that do not list
    every point pass ``with_points=False``; exports and publishing need them.
    """
    rollup = rollup or roll_up(fiscal_year)
    version = (
        annual_report.version
        if annual_report is not None
        else next_version(fiscal_year)
    )
    # The point list: the interchange rows of the points the roll-up counts.
    points = []
    if with_points:
        with translation.override("ja"):
            points = [
                [_jsonable(value) for value in row]
                for row in point_rows(
                    DxPoint.objects.filter(fiscal_year=fiscal_year).counted(),
                    ALL_COLUMNS,
                )
            ]
    return {
        "format": FORMAT,
        "figures": annual_report_data(rollup, status=str(status), version=version),
        "municipality": settings.MUNICIPALITY_NAME,
        "fte_hours": fiscal_year.fte_hours,
        "hourly_cost": fiscal_year.hourly_cost,
        "thresholds": {
            "A": plain_number(fiscal_year.level_a_threshold),
            "B": plain_number(fiscal_year.level_b_threshold),
            "C": plain_number(fiscal_year.level_c_threshold),
        },
        "published_at": None,
        "summary": annual_report.summary if annual_report is not None else "",
        "department_comments": _department_comments(rollup, annual_report),
        "highlights": _highlights(annual_report),
        "coverage": coverage(
            fiscal_year, [department for department, _ in rollup.by_department]
        ),
        "years": year_over_year(
            up_to=fiscal_year.year,
            known={fiscal_year.year: rollup.totals.as_json()},
        ),
        # The DXer roster: sections covered, DXers, training (since the
        # second version of the format; DESIGN.md's JSON keys stay as listed).
        "roster": roster_of(fiscal_year.year).as_json(),
        # Outside "figures" (DESIGN.md's JSON): what share of the counted
        # points the figures rest on (missing in versions published before).
        "completeness": completeness(rollup.totals, rollup.by_department),
        "points": points,
    }


def draft_document(
    fiscal_year: FiscalYear, annual_report: AnnualReport | None, fmt: str
) -> dict:
    """What the draft's file in ``fmt`` is written from.

    The JSON holds DESIGN.md's figures and nothing else, so it builds only
    those (no point list, coverage, highlights or years); every other file
    needs the whole document.
    """
    if fmt != "json":
        return live_document(fiscal_year, annual_report)
    version = (
        annual_report.version
        if annual_report is not None
        else next_version(fiscal_year)
    )
    return {
        "figures": annual_report_data(
            roll_up(fiscal_year), status=AnnualReportStatus.DRAFT, version=version
        )
    }


def _department_comments(
    rollup: RollUp, annual_report: AnnualReport | None
) -> list[dict]:
    """One entry per department of the roll-up, in the same order."""
    bodies = {}
    if annual_report is not None and annual_report.pk is not None:
        bodies = dict(
            annual_report.department_comments.values_list("department", "body")
        )
    return [
        {"department": department.name, "comment": bodies.get(department.pk, "")}
        for department, _figures in rollup.by_department
    ]


def _highlights(annual_report: AnnualReport | None) -> list[dict]:
    if annual_report is None or annual_report.pk is None:
        return []
    rows = []
    for point in highlights.highlighted(annual_report):
        report = point.confirmed_report
        rate = report.rounded_rate if report else None
        rows.append(
            {
                "id": point.pk,
                "title": point.title,
                "department": point.section.department.name,
                "section": point.section.name,
                "principles": [
                    principle.number for principle in point.principles.all()
                ],
                "stage": point.stage,
                "indicator": point.indicator_name,
                "unit": point.indicator_unit,
                "rate": None if rate is None else float(rate),
                "level": report.level if report else "",
                "description": point.description,
                "effect": report.effect if report else "",
                "hours_saved": plain_number(report.hours_saved) if report else 0,
                **_measures(report),
            }
        )
    return rows


def _measures(report) -> dict:
    """A highlight's analysis, direction and basis of hours, as frozen values."""
    if report is None:
        return {}
    return {
        "analysis": report.analysis,
        "direction": report.direction,
        "hours_basis": report.hours_basis,
        "annual_cases": report.annual_cases,
        "minutes_per_case": _jsonable(report.minutes_per_case),
        "hours_before": _jsonable(report.hours_before),
        "hours_after": _jsonable(report.hours_after),
    }


def document_of(annual_report: AnnualReport) -> dict:
    """A published version's frozen contents, or a draft's live ones."""
    if annual_report.is_published:
        return annual_report.frozen()
    return live_document(annual_report.fiscal_year, annual_report)
