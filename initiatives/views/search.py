"""Search the city's approved points across sections and years (横展開)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..forms import PointSearchForm
from ..models import DxPoint

PAGE_SIZE = 20


@require_safe
def point_search(request):
    form = PointSearchForm(request.GET or None)
    points = (
        DxPoint.objects.visible_to(request.user)
        .with_results()
        .select_related("fiscal_year", "section__department", "report")
        .prefetch_related("principles")
        .order_by("-fiscal_year_id", "section__department__display_order", "pk")
    )
    if form.is_valid():
        points = _filtered(points, form.cleaned_data)
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/point_search.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _filtered(points, data: dict):
    if keyword := data.get("q", "").strip():
        points = points.matching(keyword)
    if data.get("year"):
        points = points.filter(fiscal_year_id=data["year"])
    if data.get("department"):
        points = points.filter(section__department=data["department"])
    if data.get("principle"):
        points = points.filter(principles=data["principle"])
    if data.get("focus_area"):
        points = points.filter(focus_areas=data["focus_area"])
    if data.get("stage"):
        points = points.filter(stage=data["stage"])
    if data.get("level"):
        points = points.filter(level=data["level"])
    return points
