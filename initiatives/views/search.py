"""Search the city's approved points across sections and years (横展開)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from iruma_dx.lib.paging import page_of_ids

from ..forms import PointSearchForm
from ..forms.search import ALL_YEARS
from ..models import DxPoint, this_year
from .breadcrumbs import search_query

PAGE_SIZE = 20


@require_safe
def point_search(request):
    """Search and page through points.

    This year's points unless another year or all years are chosen: the
    count then reads one year's matches, not every year's the city kept.
    A page is found in two steps: the ids of its points, with how many
    match, by one lean query (filters and order only, the points table and
    its sections), then those points with their results, section and
    principles. Sorting thousands of points with their reports joined took
    ten times as long.
    """
    form = PointSearchForm(request.GET)
    points = DxPoint.objects.visible_to(request.user).order_by(
        "-fiscal_year_id", "section__department__display_order", "pk"
    )
    if form.is_valid():
        points = _filtered(points, form.cleaned_data)
    else:  # the form says what is wrong; meanwhile, this year's points
        points = points.filter(fiscal_year_id=this_year())
    page = page_of_ids(points, request.GET.get("page"), PAGE_SIZE)
    page.object_list = _in_order(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    every_year = query.copy()
    every_year["year"] = ALL_YEARS
    return render(
        request,
        "initiatives/point_search.html",
        {
            "form": form,
            "all_fiscal_years": form.fiscal_years,
            "page": page,
            "query": query.urlencode(),
            "searched_one_year": form.data.get("year") != ALL_YEARS,
            "every_year_query": every_year.urlencode(),
            # A point opened from here leads back to these results.
            "back": search_query(request.GET.urlencode()),
        },
    )


def _in_order(ids: list[int]) -> list[DxPoint]:
    """The points of ``ids``, ready to show, in the order of ``ids``."""
    points = (
        DxPoint.objects.filter(pk__in=ids)
        .select_related("fiscal_year", "section__department", "report")
        .prefetch_related("principles")
    )
    by_id = {point.pk: point for point in points}
    # A point deleted between the two queries is left out, not an error.
    return [by_id[pk] for pk in ids if pk in by_id]


def _filtered(points, data: dict):
    if keyword := data.get("q", "").strip():
        points = points.matching(keyword)
    if data.get("year") not in (None, ALL_YEARS):
        points = points.filter(fiscal_year_id=data["year"])
    if data.get("department"):
        points = points.filter(section__department=data["department"])
    if data.get("principle"):
        points = points.filter(principles=data["principle"])
    if data.get("focus_area"):
        points = points.filter(focus_areas=data["focus_area"])
    if data.get("technology"):
        points = points.filter(technologies=data["technology"])
    if data.get("stage"):
        points = points.filter(stage=data["stage"])
    if data.get("level"):
        points = points.with_confirmed_level().filter(level=data["level"])
    return points
