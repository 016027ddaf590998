"""The interchange format of DX points (DESIGN.md "Interchange format").

One row a point, the same columns in the xlsx template, the export and the
import, so that a department can export, edit in Excel and import again.
Headers and values are Japanese whatever the UI language.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import translation

from .models import DxPoint, Stage

COLUMNS = [
    "ID",
    "年度",
    "部",
    "課",
    "DXポイント",
    "内容",
    "計画",
    "事務事業",
    "心得",
    "重点取組事項",
    "段階",
    "指標",
    "単位",
    "基準値",
    "目標値",
    "実績値",
    "達成度",
    "効果",
    "削減時間",
    "次年度への課題",
]
LIST_SEPARATOR = ";"


def for_export(points: QuerySet[DxPoint]) -> QuerySet[DxPoint]:
    """Load what ``point_rows`` reads, in a fixed number of queries."""
    return points.select_related(
        "fiscal_year", "section__department", "plan", "report"
    ).prefetch_related("principles", "focus_areas")


def stage_name(value: str) -> str:
    """The Japanese name of a stage, as the interchange files write it."""
    with translation.override("ja"):
        return str(Stage(value).label)


def point_row(point: DxPoint) -> list:
    """One point (and its report) as a row in COLUMNS order."""
    report = point.report if point.has_report() else None
    return [
        point.pk,
        point.fiscal_year_id,
        point.section.department.name,
        point.section.name,
        point.title,
        point.description,
        point.plan.title if point.plan else "",
        point.business,
        LIST_SEPARATOR.join(str(p.number) for p in point.principles.all()),
        LIST_SEPARATOR.join(area.name for area in point.focus_areas.all()),
        stage_name(point.stage),
        point.indicator_name,
        point.indicator_unit,
        point.baseline,
        point.target,
        report.actual if report else None,
        report.level if report else "",
        report.effect if report else "",
        report.hours_saved if report else None,
        report.next_steps if report else "",
    ]


def point_rows(points: QuerySet[DxPoint]) -> Iterator[list]:
    """The header row, then one row a point."""
    yield COLUMNS
    for point in for_export(points).order_by(
        "fiscal_year",
        "section__department__display_order",
        "section__display_order",
        "pk",
    ):
        yield point_row(point)
