"""Template tags of the portal's frame: the status bar of every page."""

from __future__ import annotations

from django import template

from evaluation.models import AnnualReport
from initiatives.models import AchievementReport, DxPoint, FiscalYear
from iruma_dx.context_processors import StatusYears
from iruma_dx.lib.fiscal import fiscal_year_label

register = template.Library()


def year_in_view(context) -> FiscalYear | None:
    """The fiscal year the page is about, from what its view put in the context.

    A point's or a year-end report's own year, a fiscal year, an annual
    report's year; None on pages about no one year (the home page names
    "this year" as its ``fiscal_year``).
    """
    point = context.get("point")
    if isinstance(point, DxPoint):
        return point.fiscal_year
    report = context.get("report")
    if isinstance(report, AchievementReport):
        return report.point.fiscal_year
    fiscal_year = context.get("fiscal_year")
    if isinstance(fiscal_year, FiscalYear):
        return fiscal_year
    annual_report = context.get("annual_report")
    if isinstance(annual_report, AnnualReport):
        return annual_report.fiscal_year
    return None


@register.inclusion_tag("_status_bar.html", takes_context=True)
def status_bar(context) -> dict:
    """The year the page is about (else "this year"), its phase and deadline.

    When the page is about another year than "this year", the bar says so
    and names this year too, so that no one edits last year's report
    thinking of this year's deadline. A page that lists every fiscal year
    names the list ``all_fiscal_years``, and the bar picks among them.
    """
    if "status_years" not in context:  # not signed in
        return {}
    every_year = context.get("all_fiscal_years")
    if every_year is not None:  # the page has read them: no query of its own
        years = StatusYears.among(context["request"], every_year)
    else:
        years = context["status_years"]
    this_year = years.this_year
    shown = year_in_view(context) or years.in_url
    unopened = None
    if shown is None and years.url_year is not None:
        unopened = fiscal_year_label(years.url_year)  # not opened in the portal
    if shown is None and unopened is None:
        shown = this_year
    return {
        "year": shown,
        "unopened": unopened,
        "this_year": this_year,
        "elsewhere": this_year is not None
        and (unopened is not None or (shown is not None and shown.pk != this_year.pk)),
        "deadline": shown.next_deadline() if shown is not None else None,
    }
