"""The department head's review, and the progress of a department's sections."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from .. import services
from ..decorators import head_or_dx_office_required, head_required
from ..forms import ReturnForm, ReviewSelectionForm
from ..models import (
    AchievementReport,
    Department,
    DxPoint,
    FiscalYear,
    PointState,
    Section,
    roles_of,
    rounded,
)
from .points import _get_point_for_user, _year_for


@require_safe
@head_required
def review(request):
    """Submitted points and reports of the head's departments, to review in one go."""
    roles = roles_of(request.user)
    points = (
        DxPoint.objects.for_review_by(roles)
        .to_review()
        .select_related("section__department", "fiscal_year")
        .order_by("fiscal_year_id", "section__display_order", "pk")
    )
    reports = (
        AchievementReport.objects.for_review_by(roles)
        .to_confirm()
        .select_related("point__section__department", "point__fiscal_year")
        .order_by("point__fiscal_year_id", "point__section__display_order", "pk")
    )
    departments = Department.objects.filter(pk__in=roles.department_ids)
    return render(
        request,
        "initiatives/review.html",
        {"points": points, "reports": reports, "departments": departments},
    )


@require_POST
def point_approve(request, pk: int):
    point = _get_point_for_user(request, pk)
    services.approve_point(point, by=request.user)
    messages.success(request, _("“%(title)s” was approved.") % {"title": point.title})
    return redirect("initiatives:point", pk=pk)


def _bulk(request, *, field: str, items, empty: str, act, done: str):
    """Act on the ticked items of the review page, or say why nothing was done."""
    form = ReviewSelectionForm(
        request.POST, field=field, items=items, empty_message=empty
    )
    if form.is_valid():
        count = act(form.chosen, by=request.user)
        messages.success(request, done % {"count": count})
    else:
        messages.error(request, form.error_text())
    return redirect("initiatives:review")


@require_POST
@head_required
def bulk_approve(request):
    return _bulk(
        request,
        field="points",
        items=DxPoint.objects.for_review_by(roles_of(request.user)).select_related(
            "fiscal_year", "section"
        ),
        empty=_("Tick the DX points to approve. Nothing was approved."),
        act=services.approve_points,
        done=_("%(count)s DX points were approved."),
    )


@require_POST
@head_required
def bulk_confirm(request):
    return _bulk(
        request,
        field="reports",
        items=AchievementReport.objects.for_review_by(
            roles_of(request.user)
        ).select_related("point__fiscal_year", "point__section"),
        empty=_("Tick the year-end reports to confirm. Nothing was confirmed."),
        act=services.confirm_reports,
        done=_("%(count)s year-end reports were confirmed."),
    )


@require_http_methods(["GET", "POST"])
def point_return(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.can_return(roles_of(request.user)):
        raise PermissionDenied
    return _send_back(
        request,
        point,
        what="point",
        send_back=lambda comment: services.return_point(
            point, comment=comment, by=request.user
        ),
        done=_("“%(title)s” was returned to the DXer.") % {"title": point.title},
    )


@require_POST
def report_confirm(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.has_report():
        raise PermissionDenied
    services.confirm_report(point.report, by=request.user)
    messages.success(
        request,
        _("The year-end report of “%(title)s” was confirmed.") % {"title": point.title},
    )
    return redirect("initiatives:point", pk=pk)


@require_http_methods(["GET", "POST"])
def report_return(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.has_report() or not point.report.can_return(roles_of(request.user)):
        raise PermissionDenied
    return _send_back(
        request,
        point,
        what="report",
        send_back=lambda comment: services.return_report(
            point.report, comment=comment, by=request.user
        ),
        done=_("The year-end report was returned to the DXer."),
    )


def _send_back(request, point: DxPoint, *, what: str, send_back, done: str):
    """The return form of a point or its report: a comment is required."""
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send_back(form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error("comment", error.messages)
        else:
            messages.success(request, done)
            return redirect("initiatives:review")
    return render(
        request,
        "initiatives/return_form.html",
        {"form": form, "point": point, "what": what},
    )


@require_safe
@head_or_dx_office_required
def department_overview(request, pk: int):
    """Every section's progress in a fiscal year: states, late items, average rate."""
    departments = Department.objects.reviewable_by(roles_of(request.user))
    department = get_object_or_404(departments, pk=pk)
    fiscal_year = _year_for(request)
    points = DxPoint.objects.filter(
        fiscal_year=fiscal_year, section__department=department
    )
    by_section = {row["section"]: row for row in points.progress("section")}
    for section_id, rate in points.average_rates_by("section").items():
        by_section[section_id]["average_rate"] = rounded(rate)
    sections = list(
        Section.objects.filter(department=department)
        .filter(
            Q(pk__in=by_section) | Q(pk__in=Section.objects.active_in(fiscal_year.year))
        )
        .with_holders(fiscal_year.year)
    )
    for section in sections:
        section.progress = by_section.get(section.pk, {})
    return render(
        request,
        "initiatives/department_overview.html",
        {
            "department": department,
            "fiscal_year": fiscal_year,
            "years": FiscalYear.objects.order_by("-year"),
            "sections": sections,
            "states": PointState,
        },
    )
