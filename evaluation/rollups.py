"""Roll-ups of a fiscal year (DESIGN.md "Rules for the numbers").

This is the one code path for the figures: the report pages, the exports,
the ``annual_report`` command and the frozen snapshot of a published version
all read them from here. Every figure is aggregated by the database over
``DxPoint.objects.filter(fiscal_year=…).counted().with_results()``: points
whose target was approved, achievement only from confirmed reports.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from itertools import chain

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import translation

from initiatives.models import (
    LEVELS,
    Department,
    DxPoint,
    FiscalYear,
    FocusArea,
    PointState,
    Principle,
    ReportState,
    Section,
    Stage,
)
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import plain_number

ONE_DECIMAL = Decimal("0.1")
CONFIRMED = Q(report__state=ReportState.CONFIRMED)


def one_decimal(value: Decimal | float | None) -> Decimal | None:
    """Round an average to one decimal, half up (66.65 → 66.7).

    SQLite averages in floating point, so 66.65 may arrive as 66.6499999…;
    rounding to 9 places first removes that noise before rounding half up.
    """
    if value is None:
        return None
    return Decimal(str(round(value, 9))).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _aggregates() -> dict:
    """The figures of one roll-up, as database aggregates per level.

    The rows are grouped by ``level`` as well, so the database works out each
    point's rate and level once; the levels' rows are then added up in
    Python (:func:`_fold`). ``rate`` is NULL except for confirmed numeric
    points, and SUM and COUNT skip NULLs: the mean is over exactly the points
    the rule names.
    """
    return {
        "points": Count("pk"),
        "confirmed": Count("pk", filter=CONFIRMED),
        "rate_sum": Sum("rate"),
        "rate_count": Count("rate"),
        "hours_saved": Sum("report__hours_saved", filter=CONFIRMED),
    }


def _fold(rows) -> dict:
    """Add up rows of :func:`_aggregates` grouped by level into one roll-up row."""
    total = {"points": 0, "confirmed": 0, "rate_sum": 0, "rate_count": 0}
    levels = dict.fromkeys(LEVELS, 0)
    hours = Decimal(0)
    for row in rows:
        for key in total:
            total[key] += row[key] or 0
        if row["level"] in levels:
            levels[row["level"]] += row["points"]
        hours += Decimal(row["hours_saved"] or 0)
    count = total.pop("rate_count")
    rate_sum = total.pop("rate_sum")
    return {
        **total,
        "average_rate": rate_sum / count if count else None,
        "levels": tuple(levels.values()),
        "hours_saved": hours,
    }


@dataclass(frozen=True)
class Figures:
    """Points, confirmed reports, average rate, levels and hours of a roll-up."""

    points: int = 0
    confirmed: int = 0
    average_rate: Decimal | float | None = None  # unrounded
    levels: tuple[int, int, int, int] = (0, 0, 0, 0)
    hours_saved: Decimal = Decimal(0)
    fte_hours: int = 1860

    @classmethod
    def from_row(cls, row: dict | None, fte_hours: int) -> Figures:
        if row is None:
            return cls(fte_hours=fte_hours)
        return cls(
            points=row["points"],
            confirmed=row["confirmed"],
            average_rate=row["average_rate"],
            levels=row["levels"],
            hours_saved=row["hours_saved"],
            fte_hours=fte_hours,
        )

    @property
    def fte_saved(self) -> float:
        """Hours saved in full-time staff: hours / hours of one FTE-year."""
        return float(self.hours_saved) / self.fte_hours

    def as_json(self) -> dict:
        """The figures with DESIGN.md's keys, in its order."""
        rate = one_decimal(self.average_rate)
        return {
            "points": self.points,
            "confirmed": self.confirmed,
            "average_rate": None if rate is None else float(rate),
            "levels": dict(zip(LEVELS, self.levels, strict=True)),
            "hours_saved": plain_number(self.hours_saved),
            "fte_saved": self.fte_saved,
        }


@dataclass(frozen=True)
class RollUp:
    fiscal_year: FiscalYear
    totals: Figures
    by_department: list[tuple[Department, Figures]]
    by_principle: list[tuple[Principle, Figures]]
    by_focus_area: list[tuple[FocusArea, Figures]]
    by_stage: list[tuple[str, Figures]]


def counted_points(fiscal_year: FiscalYear) -> QuerySet[DxPoint]:
    """The points a roll-up of ``fiscal_year`` counts, with rate and level."""
    return DxPoint.objects.filter(fiscal_year=fiscal_year).counted().with_results()


def _level_rows(points: QuerySet[DxPoint], key: str) -> dict[object, list[dict]]:
    """The rows of :func:`_aggregates` per value of ``key`` and level, in one query."""
    rows: dict = {}
    for row in points.values(key, "level").annotate(**_aggregates()).order_by():
        rows.setdefault(row[key], []).append(row)
    return rows


def _grouped(points: QuerySet[DxPoint], key: str) -> dict:
    """One roll-up row per value of ``key``, in one query."""
    return {value: _fold(rows) for value, rows in _level_rows(points, key).items()}


def departments_of(fiscal_year: FiscalYear, with_points) -> QuerySet[Department]:
    """Departments of the year, and any other that has points in it."""
    return Department.objects.filter(
        Q(pk__in=Department.objects.active_in(fiscal_year.year)) | Q(pk__in=with_points)
    ).order_by("display_order", "code")


def roll_up(fiscal_year: FiscalYear) -> RollUp:
    """Aggregate the figures of a fiscal year: city, departments, principles …

    Seven queries whatever the number of points: one aggregate per grouping
    (the city's totals add up the departments' rows, as every point belongs
    to a section of one), and the departments, principles and focus areas
    they are named by.
    """
    points = counted_points(fiscal_year)
    fte = fiscal_year.fte_hours
    department_rows = _level_rows(points, "section__department")
    totals = Figures.from_row(_fold(chain.from_iterable(department_rows.values())), fte)
    by_department = {key: _fold(rows) for key, rows in department_rows.items()}
    by_principle = _grouped(points, "principles")
    by_focus_area = _grouped(points, "focus_areas")
    by_stage = _grouped(points, "stage")
    return RollUp(
        fiscal_year=fiscal_year,
        totals=totals,
        by_department=[
            (department, Figures.from_row(by_department.get(department.pk), fte))
            for department in departments_of(fiscal_year, list(by_department))
        ],
        # A point with several principles is in the group of each of them.
        by_principle=[
            (principle, Figures.from_row(by_principle.get(principle.pk), fte))
            for principle in Principle.objects.order_by("number")
        ],
        by_focus_area=[
            (area, Figures.from_row(by_focus_area.get(area.pk), fte))
            for area in FocusArea.objects.order_by("number")
        ],
        by_stage=[
            (stage.value, Figures.from_row(by_stage.get(stage.value), fte))
            for stage in Stage
        ],
    )


def annual_report_data(rollup: RollUp, *, status: str, version: int) -> dict:
    """The annual report in DESIGN.md's JSON shape: keys and order exactly."""
    with translation.override("ja"):
        label = fiscal_year_label(rollup.fiscal_year.year)
    return {
        "fiscal_year": rollup.fiscal_year.year,
        "label": label,
        "status": status,
        "version": version,
        "totals": rollup.totals.as_json(),
        "by_department": [
            {"department": department.name, **figures.as_json()}
            for department, figures in rollup.by_department
        ],
        "by_principle": [
            {"number": principle.number, "title": principle.title, **figures.as_json()}
            for principle, figures in rollup.by_principle
        ],
        "by_focus_area": [
            {"name": area.name, **figures.as_json()}
            for area, figures in rollup.by_focus_area
        ],
        "by_stage": [
            {"stage": stage, **figures.as_json()} for stage, figures in rollup.by_stage
        ],
    }


def coverage(fiscal_year: FiscalYear, departments: list[Department]) -> dict:
    """Departments × the principles: how many counted points each cell has.

    One query (plus the principles): the DX office sees at a glance which
    department never applies, say, 心得2.
    """
    principles = list(Principle.objects.order_by("number"))
    cells = {
        (row["section__department"], row["principles"]): row["points"]
        for row in DxPoint.objects.filter(fiscal_year=fiscal_year)
        .counted()
        .values("section__department", "principles")
        .annotate(points=Count("pk"))
        .order_by()
    }
    return {
        "principles": [
            {"number": principle.number, "title": principle.title}
            for principle in principles
        ],
        "rows": [
            {
                "department": department.name,
                "counts": [
                    cells.get((department.pk, principle.pk), 0)
                    for principle in principles
                ],
            }
            for department in departments
        ],
    }


def year_over_year(up_to: int | None = None) -> list[dict]:
    """The city totals of every fiscal year (up to ``up_to``), oldest first.

    Two queries whatever the number of years and points.
    """
    years = FiscalYear.objects.order_by("year")
    if up_to is not None:
        years = years.filter(year__lte=up_to)
    rows = _grouped(
        DxPoint.objects.filter(fiscal_year__in=years).counted().with_results(),
        "fiscal_year",
    )
    with translation.override("ja"):
        return [
            {
                "fiscal_year": year.year,
                "label": fiscal_year_label(year.year),
                **Figures.from_row(rows.get(year.year), year.fte_hours).as_json(),
            }
            for year in years
        ]


def progress(fiscal_year: FiscalYear, today) -> list[dict]:
    """Each department's progress in a fiscal year, for the DX office's dashboard.

    Points entered, waiting and approved; reports waiting and confirmed;
    items submitted after their deadline, items overdue and not submitted,
    and the sections with no point at all. Three queries.
    """
    approved = Q(state=PointState.APPROVED)
    not_submitted = Q(state__in=[PointState.DRAFT, PointState.RETURNED])
    report_missing = approved & (
        Q(report__isnull=True)
        | Q(report__state__in=[ReportState.DRAFT, ReportState.RETURNED])
    )
    overdue = []
    if today > fiscal_year.target_deadline:
        overdue.append(not_submitted)
    if today > fiscal_year.report_deadline:
        overdue.append(report_missing)
    aggregates = {
        "points": Count("pk"),
        "submitted": Count("pk", filter=Q(state=PointState.SUBMITTED)),
        "approved": Count("pk", filter=approved),
        "not_submitted": Count("pk", filter=not_submitted),
        "reports_submitted": Count(
            "pk", filter=approved & Q(report__state=ReportState.SUBMITTED)
        ),
        "reports_confirmed": Count(
            "pk", filter=approved & Q(report__state=ReportState.CONFIRMED)
        ),
        "late": Count("pk", filter=Q(is_late=True) | Q(report__is_late=True)),
    }
    if overdue:
        aggregates["overdue"] = Count("pk", filter=reduce(operator.or_, overdue))
    rows = {
        row["section__department"]: row
        for row in DxPoint.objects.filter(fiscal_year=fiscal_year)
        .values("section__department")
        .annotate(**aggregates)
        .order_by()
    }
    empty: dict[int, list[Section]] = {}
    for section in (
        Section.objects.active_in(fiscal_year.year)
        .exclude(points__fiscal_year=fiscal_year)
        .order_by("display_order", "code")
    ):
        empty.setdefault(section.department_id, []).append(section)
    result = []
    for department in departments_of(fiscal_year, list(rows)):
        row = rows.get(department.pk, {})
        result.append(
            {
                "department": department,
                "overdue": 0,
                **{key: row.get(key, 0) for key in aggregates},
                "empty_sections": empty.get(department.pk, []),
            }
        )
    return result
