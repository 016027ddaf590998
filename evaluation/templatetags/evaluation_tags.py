"""Showing the annual report's figures: rates, hours, FTE, levels, stages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from initiatives.models import Level, Stage
from initiatives.templatetags.initiatives_tags import display_date
from iruma_dx.lib.fiscal import fiscal_year_label

register = template.Library()


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
    """A → 「A：達成」; empty for no level."""
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
