"""Highlighted points of an annual report: good practice other sections follow."""

from __future__ import annotations

from django.db.models import QuerySet

from initiatives.models import DxPoint, FiscalYear, ReportState, achievement_rate


def candidates(fiscal_year: FiscalYear) -> QuerySet[DxPoint]:
    """Points that may be highlighted: counted, with a confirmed report."""
    return DxPoint.objects.filter(
        fiscal_year=fiscal_year, report__state=ReportState.CONFIRMED
    ).counted()


def best(fiscal_year: FiscalYear, count: int) -> list[int]:
    """The ids of the ``count`` candidates with the best results, best first.

    Highest exact rate first (points without an indicator after those with
    one), then by level and id. One query.
    """
    rows = candidates(fiscal_year).values_list(
        "pk", "report__level", "report__actual", "baseline", "target"
    )
    ranked = []
    for pk, level, actual, baseline, target in rows:
        rate = achievement_rate(actual, baseline, target)
        ranked.append((rate is None, -(rate or 0), level, pk))
    return [pk for *_key, pk in sorted(ranked)[:count]]


def highlighted(annual_report) -> QuerySet[DxPoint]:
    """The highlighted points of an annual report, with their reports."""
    return (
        DxPoint.objects.filter(pk__in=annual_report.highlights.values("pk"))
        .select_related("section__department", "report", "fiscal_year")
        .prefetch_related("principles")
        .order_by("section__department__display_order", "section__display_order", "pk")
    )
