"""The way back from a point's pages: breadcrumbs, and the search it came from.

Every crumb but the last is a link. Which way leads back depends on who
reads the point: its DXer came from the section's list, its head (or the
DX office) from the department's progress, anyone else from the search. A
point opened from the search results leads back to those results: the
results page passes its query along as ``?from=``, which is read again
here with the search form's own fields only, so that the link can only
ever lead to the search page (never to another site).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms import PointSearchForm
from ..models import DxPoint, Roles

# The search's own parameters: anything else in ?from= is dropped.
SEARCH_PARAMETERS = (*PointSearchForm.base_fields, "page")
MAX_FROM_LENGTH = 1000


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""  # empty for the page itself


def search_query(raw: str | None) -> str | None:
    """The search's parameters of ``raw`` (a query string), re-encoded safely.

    None when the page was not opened from the search (no ``?from=``).
    """
    if raw is None:
        return None
    if len(raw) > MAX_FROM_LENGTH:
        return ""
    given = QueryDict(raw)
    kept = [
        (name, value[:200])
        for name in SEARCH_PARAMETERS
        for value in given.getlist(name)
        if value
    ]
    return urlencode(kept)


def search_results_url(query: str) -> str:
    base = reverse("initiatives:point_search")
    return f"{base}?{query}" if query else base


def point_trail(
    point: DxPoint, roles: Roles, *, from_search: str | None = None
) -> list[Crumb]:
    """The crumbs that lead to ``point`` (its own crumb last, without a link)."""
    year = point.fiscal_year
    if from_search is not None:
        trail = [
            Crumb(_("Search points"), reverse("initiatives:point_search")),
            Crumb(_("Search results"), search_results_url(from_search)),
        ]
    elif point.is_own(roles):
        trail = [
            Crumb(
                _("Our DX points, %(year)s") % {"year": year.label},
                f"{reverse('initiatives:point_list')}?year={year.year}",
            )
        ]
    elif point.is_reviewed_by(roles) or roles.is_dx_office:
        department = point.section.department
        trail = [
            Crumb(
                _("%(department)s, %(year)s")
                % {
                    "department": department.name,
                    "year": year.label,
                },
                f"{reverse('initiatives:department_overview', args=[department.pk])}"
                f"?year={year.year}",
            )
        ]
    else:
        search = reverse("initiatives:point_search")
        trail = [
            Crumb(_("Search points"), search),
            Crumb(year.label, f"{search}?year={year.year}"),
            Crumb(
                point.section.department.name,
                f"{search}?year={year.year}&department={point.section.department_id}",
            ),
        ]
    return [*trail, Crumb(point.title)]


def with_link(trail: list[Crumb], url: str, label: str) -> list[Crumb]:
    """The trail of a page below the last crumb: that crumb becomes a link."""
    *before, last = trail
    return [*before, Crumb(last.label, url), Crumb(label)]
