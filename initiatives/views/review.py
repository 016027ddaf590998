"""The department head's review, and the progress of a department's sections."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from .. import services
from ..decorators import head_or_dx_office_required, head_required
from ..forms import ReturnForm, ReviewFilterForm, ReviewSelectionForm, review_order
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
from .points import _get_point_for_user
from .years import year_asked_for


@require_safe
@head_required
def review(request):
    """Points and reports of the head's departments: those waiting by default,
    filtered by section, year and state, sorted as asked; approve in one go."""
    roles = roles_of(request.user)
    form = ReviewFilterForm(request.GET or None, roles=roles)
    if form.is_bound and not form.is_valid():
        messages.error(
            request, _("Not shown as asked. %(errors)s") % {"errors": form.error_text()}
        )
    chosen = form.chosen()
    points = _filtered(
        DxPoint.objects.for_review_by(roles).in_review_list(chosen["show"]),
        chosen,
    ).select_related("section", "fiscal_year", "report")
    reports = _filtered(
        AchievementReport.objects.for_review_by(roles).in_review_list(chosen["show"]),
        chosen,
        prefix="point__",
    ).select_related("point__section", "point__fiscal_year")
    return render(
        request,
        "initiatives/review.html",
        {
            "form": form,
            "chosen": chosen,
            "points": _with_actions(
                points.order_by(*review_order(chosen["sort"])), roles
            ),
            "reports": _with_actions(
                reports.order_by(*review_order(chosen["sort"], reports=True)), roles
            ),
            "departments": Department.objects.filter(pk__in=roles.department_ids),
            "all_fiscal_years": form.fiscal_years,
        },
    )


def _filtered(items, chosen: dict, *, prefix: str = ""):
    """The rows of the chosen section and year (``prefix``: reports reach them
    through their point)."""
    if chosen["section"] is not None:
        items = items.filter(**{f"{prefix}section": chosen["section"]})
    if chosen["year"] is not None:
        items = items.filter(**{f"{prefix}fiscal_year_id": chosen["year"]})
    return items


def _with_actions(items, roles) -> list:
    """The rows, each marked with what the head may do with it now."""
    rows = list(items)
    for row in rows:
        row.returnable = row.can_return(roles)
        row.actionable = (
            row.can_confirm(roles)
            if isinstance(row, AchievementReport)
            else row.can_approve(roles)
        )
    return rows


def _next_waiting(request, done: str, point: DxPoint) -> None:
    """Say what was done, with a link to the next item waiting for the head."""
    following = (
        DxPoint.objects.for_review_by(roles_of(request.user))
        .waiting_for_head()
        .exclude(pk=point.pk)
        .order_by(*review_order("year"))
        .first()
    )
    if following is None:
        message = format_html(
            '{} {} <a href="{}">{}</a>',
            done,
            _("Nothing else is waiting for you."),
            reverse("initiatives:review"),
            _("Back to the review page"),
        )
    else:
        message = format_html(
            '{} <a href="{}">{}</a>',
            done,
            reverse("initiatives:point", args=[following.pk]),
            _("Next waiting: “%(title)s”") % {"title": following.title},
        )
    messages.success(request, message)


@require_POST
def point_approve(request, pk: int):
    point = _get_point_for_user(request, pk)
    services.approve_point(point, by=request.user)
    _next_waiting(
        request, _("“%(title)s” was approved.") % {"title": point.title}, point
    )
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
    _next_waiting(
        request,
        _("The year-end report of “%(title)s” was confirmed.") % {"title": point.title},
        point,
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
            _next_waiting(request, done, point)
            return redirect("initiatives:point", pk=point.pk)
    report = point.report if what == "report" else None
    return render(
        request,
        "initiatives/return_form.html",
        {
            "form": form,
            "point": point,
            "what": what,
            "report": report,
            "principles": point.principles.all(),
        },
    )


@require_safe
@head_or_dx_office_required
def department_overview(request, pk: int):
    """Every section's progress in a fiscal year: states, late items, average rate."""
    departments = Department.objects.reviewable_by(roles_of(request.user))
    department = get_object_or_404(departments, pk=pk)
    years = list(FiscalYear.objects.newest_first())
    fiscal_year = year_asked_for(request, years)
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
            "all_fiscal_years": years,
            "sections": sections,
            "states": PointState,
        },
    )
