"""The DXer's year-end report on an approved point."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from .. import services
from ..forms import ReportForm
from ..models import (
    AchievementReport,
    CommentKind,
    DxPoint,
    HoursBasis,
    StaleEdit,
    roles_of,
    rounded,
)
from ..models.measures import BASIS_INPUTS
from .points import _get_point_for_user, keep_their_text


def _get_report_to_write(request, pk: int) -> DxPoint:
    """A point whose year-end report the signed-in DXer may write, or 403/404."""
    point = _get_point_for_user(request, pk)
    reason = point.why_not_write_report(roles_of(request.user))
    if reason is not None:
        raise PermissionDenied(reason)
    return point


@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    point = _get_report_to_write(request, pk)
    report = point.report if point.has_report() else None
    # Before result_for(), whose trial report takes the place of point.report.
    return_comment = point.return_comment(CommentKind.RETURN_REPORT)
    form = ReportForm(request.POST or None, instance=report, point=point)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                point,
                fields=form.fields_for_service(),
                revision=form.cleaned_data["revision"],
                by=request.user,
            )
        except StaleEdit as error:
            stale = keep_their_text(form, error)
        else:
            messages.success(request, _("The year-end report was saved."))
            return redirect("initiatives:point", pk=point.pk)
    # The rate and level the actual value gives, and the hours the basis gives.
    actual, hours = form.actual_and_hours()
    rate, level = point.result_for(actual)
    return render(
        request,
        "initiatives/report_form.html",
        {
            "form": form,
            "point": point,
            "stale": stale,
            "rate": rounded(rate),
            "level": level,
            "hours": hours,
            "return_comment": return_comment,
        },
    )


@require_safe
def report_result(request, pk: int):
    """The rate and level a typed actual value would earn: the form's live preview.

    The page asks this as the DXer types, so the preview shows exactly what
    the saved report will store (the rule lives in ``initiatives.models.results``).
    """
    point = _get_report_to_write(request, pk)
    if not point.has_indicator:
        raise Http404
    field = ReportForm(point=point).fields["actual"]
    try:
        actual = field.clean(request.GET.get("actual", ""))
    except ValidationError as error:
        return JsonResponse({"rate": None, "level": "", "error": error.messages[0]})
    rate, level = point.result_for(actual)
    rate = rounded(rate)
    return JsonResponse({"rate": None if rate is None else str(rate), "level": level})


@require_safe
def report_hours(request, pk: int):
    """The hours a typed basis gives: the form's live preview of the hours saved.

    The same model method works them out as when the report is saved.
    """
    point = _get_report_to_write(request, pk)
    basis = request.GET.get("basis", "")
    if basis not in BASIS_INPUTS or basis == HoursBasis.DIRECT:
        raise Http404
    fields = ReportForm(point=point).fields
    report = AchievementReport(hours_basis=basis)
    try:
        for name in BASIS_INPUTS[basis]:
            setattr(report, name, fields[name].clean(request.GET.get(name, "")))
    except ValidationError as error:
        return JsonResponse({"hours": None, "error": error.messages[0]})
    hours = report.worked_out_hours()
    return JsonResponse({"hours": None if hours is None else str(hours)})


@require_POST
def report_submit(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.has_report():
        raise PermissionDenied
    try:
        services.submit_report(point.report, by=request.user)
    except ValidationError as error:
        # A report written before a rule existed (say, without the factor
        # analysis its level now needs) is completed before it goes.
        messages.error(
            request,
            _("Complete the report before submitting it: %(problems)s")
            % {"problems": " ".join(error.messages)},
        )
        return redirect("initiatives:report_edit", pk=point.pk)
    messages.success(request, _("The year-end report was sent to the department head."))
    return redirect("initiatives:point", pk=point.pk)


@require_POST
def report_withdraw(request, pk: int):
    """Take a submitted year-end report back as a draft, until the head acts on it."""
    point = _get_point_for_user(request, pk)
    if not point.has_report():
        raise PermissionDenied
    try:
        services.withdraw_report(point.report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The year-end report was withdrawn: it is a draft again, and the "
                "department head was told."
            ),
        )
    return redirect("initiatives:point", pk=point.pk)
