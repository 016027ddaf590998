"""Showing the annual report's figures: rates, hours, FTE, levels, stages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from evaluation.headlines import COMPARABLE_WITHIN, COMPLETE_FROM
from initiatives.models import Direction, Level, Stage
from initiatives.models.measures import explain_basis
from initiatives.templatetags.initiatives_tags import display_date
from iruma_dx.lib.fiscal import fiscal_year_label

register = template.Library()


@register.simple_tag
def completeness_rule() -> str:
    """The rule by which the year-over-year figures mark a year, in words."""
    return _(
        "※ Hours saved, levels and the average rate count confirmed year-end "
        "reports only. A year is marked when less than %(limit)s%% of its "
        "approved DX points have a confirmed report, or when that share differs "
        "by more than %(gap)s percentage points from the year of this report: "
        "its figures cannot be compared as they stand."
    ) % {"limit": COMPLETE_FROM, "gap": COMPARABLE_WITHIN}


@register.filter
def rate(value: float | Decimal | None) -> str:
    """An average or achievement rate to one decimal: 66.7%, or — for none."""
    if value is None or value == "":
        return "—"
    return f"{floatformat(value, '1g')}%"


@register.filter
def hours(value: float | int | Decimal | None) -> str:
    """Hours with thousands separators and at most one decimal: 1,234.5."""
    return floatformat(value or 0, "-1g")


@register.filter
def fte(value: float | None) -> str:
    """Full-time equivalents to two decimals."""
    return floatformat(value or 0, "2g")


@register.filter
def yen(value: int | None) -> str:
    """An amount of yen with thousands separators: 1,620,000 (— when unknown)."""
    if value is None or value == "":
        return "—"
    return floatformat(value, "0g")


@register.filter
def direction_label(value: str) -> str:
    """expand → 拡充; unset or empty → 未入力."""
    if not value or value == "unset":
        return _("Not entered")
    try:
        return str(Direction(value).label)
    except ValueError:
        return value


@register.filter
def basis_of(row: dict) -> str:
    """How a frozen report's hours saved were worked out, in words."""
    if not row or not row.get("hours_basis"):
        return ""
    return explain_basis(
        row["hours_basis"],
        hours=row.get("hours_saved"),
        cases=row.get("annual_cases"),
        minutes=row.get("minutes_per_case"),
        before=row.get("hours_before"),
        after=row.get("hours_after"),
    )


@register.filter
def fiscal_year(value: int) -> str:
    """令和6年度 (or FY2024 in English) for a fiscal year number."""
    return fiscal_year_label(int(value))


@register.filter
def stage_label(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


@register.filter
def level_label(value: str) -> str:
    """A → 「A：達成」, na → 評価不能; empty for no level."""
    if not value:
        return _("no level")
    try:
        return str(Level(value).label)
    except ValueError:
        return value


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.filter
def as_list(value) -> list:
    """Wrap one row so that a table partial can loop over it."""
    return [value]


# The older name of ``initiatives_tags.display_date``: dates as the setting
# DATE_STYLE shows them (令和8年12月20日（日） by default).
register.filter("japanese_date", display_date)
