"""Roll-ups of a fiscal year (DESIGN.md "Rules for the numbers").

This is the one code path for the figures: the report pages, the exports,
the ``annual_report`` command and the frozen snapshot of a published version
all read them from here. A roll-up counts the points whose target was
approved (``DxPoint.objects.counted()``) and takes achievement only from
reports the head confirmed.

Each point is read once, with the level its report stores; its exact rate
comes from ``initiatives.models.results``, the one definition of rates,
levels, rounding and the yen value of hours. The point is then added to the
tally of every group it belongs to (the city, its department, each of its
principles, focus areas and technologies, its stage), so nothing is worked
out again per grouping, and no figure passes through binary floating point
on any database.

A report marked 評価不能 counts in ``points`` and ``confirmed`` (and its
hours and direction count), never in the average rate nor in A–D: it is
counted as ``not_assessed``. The focus areas listed are those of the
edition of the national plan the year uses.
"""

from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import translation

from initiatives.models import (
    LEVELS,
    NOT_ASSESSED,
    Department,
    Direction,
    DxPoint,
    FiscalYear,
    FocusArea,
    PointState,
    Principle,
    ReportState,
    Section,
    Stage,
    Technology,
    achievement_rate,
    mean,
    rounded,
    yen_value,
)
from initiatives.models.results import TWO_DECIMALS
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import plain_number

from .models import FiguresStamp, YearFigures

# What a roll-up reads of each counted point.
POINT_FIELDS = (
    "pk",
    "fiscal_year_id",
    "section__department_id",
    "stage",
    "baseline",
    "target",
    "report__state",
    "report__level",
    "report__actual",
    "report__hours_saved",
    "report__direction",
)
# The directions a roll-up counts, in DESIGN.md's order; "unset" is the
# blank direction of reports written before it was asked.
DIRECTIONS = (*Direction.values, "unset")

T = TypeVar("T")


@dataclass(frozen=True)
class PointResult:
    """What one counted point adds to the groups it belongs to."""

    confirmed: bool
    rate: Fraction | None
    level: str
    hours_saved: Decimal
    direction: str = "unset"

    @classmethod
    def of(cls, row: dict) -> PointResult:
        """Read a row of POINT_FIELDS: achievement only from a confirmed report.

        A report marked 評価不能 has no rate (and no actual value to give one).
        """
        if row["report__state"] != ReportState.CONFIRMED:
            return cls(False, None, "", Decimal(0))
        level = row["report__level"]
        rate = None
        if level != NOT_ASSESSED:
            rate = achievement_rate(
                row["report__actual"], row["baseline"], row["target"]
            )
        return cls(
            confirmed=True,
            rate=rate,
            level=level,
            hours_saved=row["report__hours_saved"] or Decimal(0),
            direction=row["report__direction"] or "unset",
        )


@dataclass
class Tally:
    """The figures of one group, added up point by point."""

    points: int = 0
    confirmed: int = 0
    rates: list[Fraction] = field(default_factory=list)
    levels: Counter = field(default_factory=Counter)
    hours_saved: Decimal = Decimal(0)
    directions: Counter = field(default_factory=Counter)

    def add(self, result: PointResult) -> None:
        self.points += 1
        if not result.confirmed:
            return
        self.confirmed += 1
        if result.rate is not None:
            self.rates.append(result.rate)
        self.levels[result.level] += 1  # NOT_ASSESSED counts apart from A–D
        self.hours_saved += result.hours_saved
        self.directions[result.direction] += 1

    def figures(self, fiscal_year: FiscalYear) -> Figures:
        """The figures, with the year's FTE hours and hourly personnel cost."""
        return Figures(
            points=self.points,
            confirmed=self.confirmed,
            average_rate=mean(self.rates),
            levels=tuple(self.levels[level] for level in LEVELS),
            not_assessed=self.levels[NOT_ASSESSED],
            hours_saved=self.hours_saved,
            fte_hours=fiscal_year.fte_hours,
            hourly_cost=fiscal_year.hourly_cost,
            directions=tuple(self.directions[name] for name in DIRECTIONS),
        )


@dataclass(frozen=True)
class Figures:
    """Points, confirmed reports, average rate, levels and hours of a roll-up."""

    points: int = 0
    confirmed: int = 0
    average_rate: Fraction | None = None  # exact, unrounded
    levels: tuple[int, ...] = (0, 0, 0, 0)
    not_assessed: int = 0
    hours_saved: Decimal = Decimal(0)
    fte_hours: int = 1860
    hourly_cost: int = 4500
    directions: tuple[int, ...] = (0,) * len(DIRECTIONS)

    @property
    def fte_saved(self) -> Decimal:
        """Hours saved in full-time staff, to two decimals (rounded half up)."""
        return rounded(Fraction(self.hours_saved) / self.fte_hours, TWO_DECIMALS)

    @property
    def yen_saved(self) -> int:
        """Hours saved × the year's hourly personnel cost, to the yen (half up)."""
        return yen_value(self.hours_saved, self.hourly_cost)

    def as_json(self) -> dict:
        """The figures with DESIGN.md's keys, in its order."""
        rate = rounded(self.average_rate)
        return {
            "points": self.points,
            "confirmed": self.confirmed,
            "average_rate": None if rate is None else float(rate),
            "levels": dict(zip(LEVELS, self.levels, strict=True)),
            "not_assessed": self.not_assessed,
            "hours_saved": plain_number(self.hours_saved),
            "fte_saved": float(self.fte_saved),
            "yen_saved": self.yen_saved,
            "directions": dict(zip(DIRECTIONS, self.directions, strict=True)),
        }


@dataclass(frozen=True)
class RollUp:
    fiscal_year: FiscalYear
    edition: str  # the code of the national plan's edition the year uses
    totals: Figures
    by_department: list[tuple[Department, Figures]]
    by_principle: list[tuple[Principle, Figures]]
    by_focus_area: list[tuple[FocusArea, Figures]]
    by_stage: list[tuple[str, Figures]]
    by_technology: list[tuple[Technology, Figures]]


def counted_points(fiscal_year: FiscalYear) -> QuerySet[DxPoint]:
    """The points a roll-up of ``fiscal_year`` counts."""
    return DxPoint.objects.filter(fiscal_year=fiscal_year).counted()


def point_results(points: QuerySet[DxPoint]) -> Iterable[tuple[dict, PointResult]]:
    """Each counted point's row of POINT_FIELDS and its result, in one query."""
    for row in points.values(*POINT_FIELDS).order_by().iterator(chunk_size=2000):
        yield row, PointResult.of(row)


def _tags(points: QuerySet[DxPoint], relation: str) -> dict[int, list[int]]:
    """The ids a many-to-many ``relation`` tags each point with, in one query."""
    through = getattr(DxPoint, relation).through
    target = f"{getattr(DxPoint, relation).field.m2m_reverse_field_name()}_id"
    tags: dict[int, list[int]] = defaultdict(list)
    rows = through.objects.filter(dxpoint__in=points.values("pk")).values_list(
        "dxpoint_id", target
    )
    for point_id, tag_id in rows:
        tags[point_id].append(tag_id)
    return tags


def departments_of(fiscal_year: FiscalYear, with_points) -> QuerySet[Department]:
    """Departments of the year, and any other that has points in it."""
    return Department.objects.filter(
        Q(pk__in=Department.objects.active_in(fiscal_year.year)) | Q(pk__in=with_points)
    ).order_by("display_order", "code")


# How long a kept result may wait unread; a moved stamp ends it sooner.
KEPT_SECONDS = 24 * 60 * 60


def kept(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache until data a roll-up reads changes.

    The key carries the figures stamp, which database triggers move on
    every write to those tables (``evaluation.models.STAMPED_TABLES``), so
    a kept result is never older than the data. Without a stamp to trust
    (inside a transaction, which may have written) it is worked out afresh.
    Within :func:`one_stamp` the stamp is the one read when it began.
    """
    if connection.in_atomic_block:
        return compute()
    stamp = _page_stamp.get()
    if stamp is None:
        stamp = FiguresStamp.objects.current()
    if stamp is None:
        return compute()
    return cache.get_or_set(f"{key}@{stamp}", compute, KEPT_SECONDS)


# The stamp read once for everything a page keeps (see one_stamp).
_page_stamp: ContextVar[int | None] = ContextVar("page_stamp", default=None)


@contextmanager
def one_stamp():
    """Read the figures stamp once for all the kept results of a page.

    A read-only page (the dashboard) keeps several results; within this
    block they are all kept under the stamp read as it began: one query,
    not one per result, and one state of the data for the whole page.
    """
    token = _page_stamp.set(FiguresStamp.objects.current())
    try:
        yield
    finally:
        _page_stamp.reset(token)


def roll_up(fiscal_year: FiscalYear) -> RollUp:
    """Aggregate the figures of a fiscal year: city, departments, principles …

    Worked out once per change of the data (see :func:`kept`); inside a
    transaction, such as publishing, always afresh.
    """
    return kept(f"roll-up:{fiscal_year.year}", lambda: _roll_up(fiscal_year))


def _roll_up(fiscal_year: FiscalYear) -> RollUp:
    """Eight queries whatever the number of points: the counted points with their
    reports, their principles, focus areas and technologies, and the
    departments, principles, focus areas (of the year's edition, with it)
    and technologies the groups are named by.
    """
    points = counted_points(fiscal_year)
    principles_of = _tags(points, "principles")
    focus_areas_of = _tags(points, "focus_areas")
    technologies_of = _tags(points, "technologies")
    totals = Tally()
    departments: dict[int, Tally] = defaultdict(Tally)
    principles: dict[int, Tally] = defaultdict(Tally)
    focus_areas: dict[int, Tally] = defaultdict(Tally)
    stages: dict[str, Tally] = defaultdict(Tally)
    technologies: dict[int, Tally] = defaultdict(Tally)
    for row, result in point_results(points):
        totals.add(result)
        departments[row["section__department_id"]].add(result)
        stages[row["stage"]].add(result)
        # A point with several principles is in the group of each of them.
        for principle_id in principles_of[row["pk"]]:
            principles[principle_id].add(result)
        for area_id in focus_areas_of[row["pk"]]:
            focus_areas[area_id].add(result)
        for technology_id in technologies_of[row["pk"]]:
            technologies[technology_id].add(result)

    def figures(tallies: dict, key) -> Figures:
        return tallies.get(key, Tally()).figures(fiscal_year)

    areas = list(
        FocusArea.objects.of_edition(fiscal_year.focus_area_edition_id).select_related(
            "edition"
        )
    )
    return RollUp(
        fiscal_year=fiscal_year,
        # The edition comes with its areas (a query of its own only if it has none).
        edition=(areas[0].edition if areas else fiscal_year.focus_area_edition).code,
        totals=totals.figures(fiscal_year),
        by_department=[
            (department, figures(departments, department.pk))
            for department in departments_of(fiscal_year, list(departments))
        ],
        by_principle=[
            (principle, figures(principles, principle.pk))
            for principle in Principle.objects.order_by("number")
        ],
        by_focus_area=[(area, figures(focus_areas, area.pk)) for area in areas],
        by_stage=[(stage.value, figures(stages, stage.value)) for stage in Stage],
        by_technology=[
            (technology, figures(technologies, technology.pk))
            for technology in Technology.objects.all()
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
        "by_technology": [
            {"name": technology.name, **figures.as_json()}
            for technology, figures in rollup.by_technology
        ],
        "focus_area_edition": rollup.edition,
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


HEADER_KEYS = ("fiscal_year", "label", "status", "version")


def year_figures(fiscal_year: FiscalYear) -> dict:
    """A year's roll-up in DESIGN.md's shape, without the header: what is stored."""
    data = annual_report_data(roll_up(fiscal_year), status="", version=0)
    return {key: value for key, value in data.items() if key not in HEADER_KEYS}


def figures_of(fiscal_year: FiscalYear) -> dict:
    """A year's figures as :func:`year_figures`, worked out once per change.

    A closed year's are those stored when it closed; an open year's are
    kept until its data changes.
    """
    if fiscal_year.is_closed:
        stored = YearFigures.objects.filter(fiscal_year=fiscal_year).first()
        if stored is not None:
            return json.loads(stored.figures)
    return kept(f"figures:{fiscal_year.year}", lambda: year_figures(fiscal_year))


def year_over_year(
    up_to: int | None = None, known: dict[int, dict] | None = None
) -> list[dict]:
    """The city totals of every fiscal year (up to ``up_to``), oldest first.

    A closed year's totals are read as stored when it closed, an open
    year's from :func:`figures_of`, so the table costs the same whether the
    city keeps three years or ten; the table itself is kept until data
    changes. ``known`` holds totals the caller has already worked out (the
    roll-up of the page's own year), by year; they are not worked out again.
    """
    return kept(f"year-over-year:{up_to}", lambda: _year_over_year(up_to, known))


def _year_over_year(up_to: int | None, known: dict[int, dict] | None) -> list[dict]:
    years = FiscalYear.objects.order_by("year")
    if up_to is not None:
        years = years.filter(year__lte=up_to)
    years = list(years)
    totals = {
        figures.fiscal_year_id: figures.totals
        for figures in YearFigures.objects.filter(
            fiscal_year__in=[year.year for year in years if year.is_closed]
        )
    }
    totals.update(known or {})
    for year in years:
        if year.year not in totals:
            totals[year.year] = figures_of(year)["totals"]
    with translation.override("ja"):
        return [
            {
                "fiscal_year": year.year,
                "label": fiscal_year_label(year.year),
                **totals[year.year],
            }
            for year in years
        ]


def progress_totals(rows: list[dict]) -> dict:
    """The whole city's line of :func:`progress`: each count added up."""
    totals = {key: sum(row[key] for row in rows) for key in PROGRESS_COUNTS}
    totals["empty_sections"] = sum(len(row["empty_sections"]) for row in rows)
    return totals


def progress(fiscal_year: FiscalYear, today) -> list[dict]:
    """Each department's progress in a fiscal year, for the DX office's dashboard.

    Points entered, waiting and approved; reports waiting and confirmed;
    items submitted after their deadline, items overdue and not submitted,
    and the sections with no point at all. Three queries, kept until the
    year's data changes (or the day passes a deadline).
    """
    late_for = (
        today > fiscal_year.target_deadline,
        today > fiscal_year.report_deadline,
    )
    return kept(
        f"progress:{fiscal_year.year}:{late_for[0]:d}{late_for[1]:d}",
        lambda: _progress(fiscal_year, *late_for),
    )


def _progress(
    fiscal_year: FiscalYear, points_overdue: bool, reports_overdue: bool
) -> list[dict]:
    counts = _progress_counts(fiscal_year, points_overdue, reports_overdue)
    empty: dict[int, list[Section]] = {}
    for section in (
        Section.objects.active_in(fiscal_year.year)
        .exclude(points__fiscal_year=fiscal_year)
        .order_by("display_order", "code")
    ):
        empty.setdefault(section.department_id, []).append(section)
    return [
        {
            "department": department,
            **counts.get(department.pk, dict.fromkeys(PROGRESS_COUNTS, 0)),
            "empty_sections": empty.get(department.pk, []),
        }
        for department in departments_of(fiscal_year, list(counts))
    ]


PROGRESS_COUNTS = (
    "points",
    "submitted",
    "approved",
    "not_submitted",
    "reports_submitted",
    "reports_confirmed",
    "late",
    "overdue",
)


def _progress_counts(
    fiscal_year: FiscalYear, points_overdue: bool, reports_overdue: bool
) -> dict[int, dict[str, int]]:
    """Each department's counts of :data:`PROGRESS_COUNTS`, by its id."""
    approved = Q(state=PointState.APPROVED)
    not_submitted = Q(state__in=[PointState.DRAFT, PointState.RETURNED])
    report_missing = approved & (
        Q(report__isnull=True)
        | Q(report__state__in=[ReportState.DRAFT, ReportState.RETURNED])
    )
    overdue = []
    if points_overdue:
        overdue.append(not_submitted)
    if reports_overdue:
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
    return {
        # Nothing is overdue before a deadline has passed.
        row.pop("section__department"): {"overdue": 0, **row}
        for row in DxPoint.objects.filter(fiscal_year=fiscal_year)
        .values("section__department")
        .annotate(**aggregates)
        .order_by()
    }
