"""Filters and tags every page may load: dates as people read them, hours with
their unit, the state of a point or a report as a badge.

The glossary's pages (and the evaluation app's) load these too; they
depend on nothing but ``iruma_dx.lib``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from iruma_dx.lib.dates import display_date as show_date

register = template.Library()


def _moment(value: date | datetime | str | None) -> date | datetime | None:
    """A date or datetime, also from the ISO text a frozen document keeps."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return value


@register.filter
def display_date(value: date | datetime | str | None, arg: str = "") -> str:
    """令和8年12月20日（日） (or 2026年12月20日（日） with ``DATE_STYLE=western``).

    ``|display_date:"short"`` leaves out the day of the week;
    ``|display_date:"time"`` adds the time, in Japan time. English pages
    read 20 December 2026 (Reiwa 8).
    """
    day = _moment(value)
    if day is None:
        return ""
    return show_date(day, weekday=arg != "short", time=arg == "time")


@register.simple_tag
def state_badge(item) -> str:
    """A point's or a report's state as a badge, and 「期限後」 when it came late.

    A tag rather than an included template: lists show one on every row.
    """
    badge = format_html(
        '<span class="status status--{}">{}</span>',
        item.state,
        item.get_state_display(),
    )
    if item.is_late:
        badge += format_html(' <span class="status status--late">{}</span>', _("late"))
    return badge


@register.filter
def hours_unit(value: float | int | Decimal | None) -> str:
    """Hours with their unit and thousands separators: 1,200時間, 12.5時間."""
    return _("%(hours)s h") % {"hours": floatformat(value or 0, "-1g")}


@register.filter
def page_numbers(page) -> list:
    """A page's numbers to link, the far ones left out (…): 1 2 … 9 10 11 … 40 41."""
    return list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
