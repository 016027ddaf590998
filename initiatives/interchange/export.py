"""The interchange rows of DX points, as the export and the annual report write them."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from ..models import DxPoint, Stage
from .columns import COLUMNS, LIST_SEPARATOR, stage_name

# What one row reads, straight from the database: an export of thousands of
# points builds no model instances.
ROW_VALUES = (
    "pk",
    "fiscal_year_id",
    "section__department__name",
    "section__name",
    "title",
    "description",
    "plan__title",
    "business",
    "stage",
    "indicator_name",
    "indicator_unit",
    "baseline",
    "target",
    "report__pk",
    "report__actual",
    "report__self_level",
    "report__effect",
    "report__hours_saved",
    "report__next_steps",
    "report__level",
)


def point_rows(points: QuerySet[DxPoint]) -> Iterator[list]:
    """The header row, then one row a point (with its report), in COLUMNS order.

    Three queries whatever the number of points: the points with their
    section, plan, report and year, then their principles and focus areas.
    """
    yield COLUMNS
    ids = points.values("pk")
    principles = _joined(
        DxPoint.principles.through.objects.filter(dxpoint__in=ids).order_by(
            "principle__number"
        ),
        "principle__number",
    )
    focus_areas = _joined(
        DxPoint.focus_areas.through.objects.filter(dxpoint__in=ids).order_by(
            "focusarea__number"
        ),
        "focusarea__name",
    )
    stages = {stage.value: stage_name(stage.value) for stage in Stage}
    ordered = points.order_by(
        "fiscal_year_id",
        "section__department__display_order",
        "section__display_order",
        "pk",
    )
    for row in ordered.values(*ROW_VALUES).iterator(chunk_size=2000):
        has_report = row["report__pk"] is not None
        yield [
            row["pk"],
            row["fiscal_year_id"],
            row["section__department__name"],
            row["section__name"],
            row["title"],
            row["description"],
            row["plan__title"] or "",
            row["business"],
            principles.get(row["pk"], ""),
            focus_areas.get(row["pk"], ""),
            stages[row["stage"]],
            row["indicator_name"],
            row["indicator_unit"],
            row["baseline"],
            row["target"],
            row["report__actual"],
            row["report__level"] if has_report else "",
            row["report__effect"] if has_report else "",
            row["report__hours_saved"],
            row["report__next_steps"] if has_report else "",
        ]


def _joined(through: QuerySet, value: str) -> dict[int, str]:
    """Map each point id to its related values joined with ``;``."""
    joined: dict[int, list[str]] = {}
    for point_id, item in through.values_list("dxpoint_id", value):
        joined.setdefault(point_id, []).append(str(item))
    return {point_id: LIST_SEPARATOR.join(items) for point_id, items in joined.items()}
