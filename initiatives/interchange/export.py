"""The interchange rows of DX points, as the export and the annual report write them."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from ..models import DxPoint, Stage
from .columns import (
    ALL_COLUMNS,
    BASIS_NAMES,
    COLUMNS,
    DIRECTION_NAMES,
    LIST_SEPARATOR,
    STATUS_NAMES,
    level_name,
    stage_name,
)

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
    "technology_status",
    "report__pk",
    "report__actual",
    "report__self_level",
    "report__effect",
    "report__hours_saved",
    "report__next_steps",
    "report__level",
    "report__analysis",
    "report__direction",
    "report__hours_basis",
    "report__annual_cases",
    "report__minutes_per_case",
    "report__hours_before",
    "report__hours_after",
)


def point_rows(
    points: QuerySet[DxPoint], columns: list[str] = COLUMNS
) -> Iterator[list]:
    """The header row, then one row a point (with its report), in ``columns``.

    ``columns`` is COLUMNS (the first version of the format) or ALL_COLUMNS,
    which exports and the annual report write. Three queries whatever the
    number of points (four with ALL_COLUMNS): the points with their section,
    plan, report and year, then their principles and focus areas (and
    technologies).
    """
    second = columns == ALL_COLUMNS
    yield columns
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
    technologies = (
        _joined(
            DxPoint.technologies.through.objects.filter(dxpoint__in=ids).order_by(
                "technology__display_order", "technology__name"
            ),
            "technology__name",
        )
        if second
        else {}
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
        cells = [
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
            level_name(row["report__level"]) if has_report else "",
            row["report__effect"] if has_report else "",
            row["report__hours_saved"],
            row["report__next_steps"] if has_report else "",
        ]
        if second:
            cells += _second_version_cells(row, has_report, technologies)
        yield cells


def _second_version_cells(row: dict, has_report: bool, technologies) -> list:
    report = [
        row["report__analysis"],
        DIRECTION_NAMES.get(row["report__direction"], ""),
        BASIS_NAMES.get(row["report__hours_basis"], ""),
        row["report__annual_cases"],
        row["report__minutes_per_case"],
        row["report__hours_before"],
        row["report__hours_after"],
    ]
    return [
        *(report if has_report else [""] * len(report)),
        technologies.get(row["pk"], ""),
        STATUS_NAMES.get(row["technology_status"], ""),
    ]


def _joined(through: QuerySet, value: str) -> dict[int, str]:
    """Map each point id to its related values joined with ``;``."""
    joined: dict[int, list[str]] = {}
    for point_id, item in through.values_list("dxpoint_id", value):
        joined.setdefault(point_id, []).append(str(item))
    return {point_id: LIST_SEPARATOR.join(items) for point_id, items in joined.items()}
