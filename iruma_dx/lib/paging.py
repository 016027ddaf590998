"""Pages of a long query, counted in the same query as their rows."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def page_of_ids(queryset: QuerySet, number, per_page: int) -> Page:
    """Page ``number`` of the ids of ``queryset`` (ordered), as ``get_page`` gives it.

    The total comes with the page's rows (``COUNT(*) OVER ()``), so the
    matches are read once, not twice (a count, then the page): a search
    whose keyword is in a thousand points reads them once. As with
    ``get_page``, a number that is not one means the first page; a page
    past the end (or below 1) is left to ``get_page``, which counts first
    and gives the last page.
    """
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted >= 1:
        start = (wanted - 1) * per_page
        rows = list(
            queryset.annotate(total=Window(Count("pk"))).values_list("pk", "total")[
                start : start + per_page
            ]
        )
        if rows:
            paginator.count = rows[0][1]  # the cached property, known now
            return Page([pk for pk, _total in rows], wanted, paginator)
    return paginator.get_page(number)
