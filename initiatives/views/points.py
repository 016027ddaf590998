"""The DXer's pages: the year's points, writing and submitting them, a point's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from .. import services
from ..decorators import dxer_required
from ..forms import CarryForwardForm, CommentForm, PointForm
from ..history import changes_since, history_entries
from ..models import DxPoint, FiscalYear, PointState, Section, StaleEdit, roles_of
from .breadcrumbs import point_trail, search_query, with_link
from .years import year_asked_for

POINT_RELATED = ("fiscal_year", "section__department", "plan", "leading_project")


def _get_point_for_user(request, pk: int) -> DxPoint:
    """Return a point the signed-in person may read, or 404."""
    return get_object_or_404(
        DxPoint.objects.visible_to(request.user).select_related(*POINT_RELATED), pk=pk
    )


def _my_section(request) -> Section:
    """The section the DXer works for (the one of ?section=, if they have several).

    Anything but the id of one of their sections is 404.
    """
    roles = roles_of(request.user)
    if not roles.is_dxer:
        raise PermissionDenied
    sections = Section.objects.of_dxer(roles)
    section_id = request.GET.get("section")
    if section_id is None:
        return sections.first()
    if not section_id.isascii() or not section_id.isdigit():
        raise Http404
    return get_object_or_404(sections, pk=int(section_id))


def keep_their_text(form, error: StaleEdit) -> list:
    """After a refused second save: say what changed, keep the editor's text.

    The form keeps what they typed and now names the current revision, so
    saving again (after merging) applies their text on top.
    """
    changes = changes_since(error.current, form.cleaned_data["revision"] or 0)
    form.data = form.data.copy()
    form.data["revision"] = error.current.revision
    return changes


@require_safe
@dxer_required
def point_list(request):
    """The DXer's page for a year: the section's points, what is due and by when."""
    roles = roles_of(request.user)
    years = list(FiscalYear.objects.newest_first())
    fiscal_year = year_asked_for(request, years)
    sections = Section.objects.of_dxer(roles)
    points = (
        DxPoint.objects.of_sections(roles)
        .filter(fiscal_year=fiscal_year)
        .select_related("section", "report", "fiscal_year")
        .prefetch_related("principles")
    )
    points = list(points)
    can_create = any(
        DxPoint.why_not_create(fiscal_year, section, roles) is None
        for section in sections
    )
    for point in points:
        point.editable = point.can_edit(roles)
        point.deletable = point.can_delete(roles)
        point.withdrawable = point.can_withdraw(roles)
        point.reportable = point.can_write_report(roles)
    return render(
        request,
        "initiatives/point_list.html",
        {
            "fiscal_year": fiscal_year,
            "all_fiscal_years": years,
            "sections": sections,
            "points": points,
            "can_create": can_create,
            "submittable": sum(point.editable for point in points),
            "has_candidates": can_create
            and any(
                services.carry_forward_candidates(section, fiscal_year).exists()
                for section in sections
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def point_create(request):
    fiscal_year = year_asked_for(request)
    section = _my_section(request)
    form = PointForm(request.POST or None, fiscal_year=fiscal_year, section=section)
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.split()
        try:
            point = services.create_point(
                fiscal_year=fiscal_year,
                section=section,
                fields=fields,
                m2m=m2m,
                by=request.user,
                submit=_and_submit(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _say_saved(request, point, _("The DX point was saved as a draft."))
            return redirect("initiatives:point", pk=point.pk)
    return render(
        request,
        "initiatives/point_form.html",
        {"form": form, "fiscal_year": fiscal_year, "section": section},
    )


@require_http_methods(["GET", "POST"])
def point_edit(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.can_edit(roles_of(request.user)):
        raise PermissionDenied
    form = PointForm(
        request.POST or None,
        instance=point,
        fiscal_year=point.fiscal_year,
        section=point.section,
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.split()
        try:
            saved = services.update_point(
                point,
                fields=fields,
                m2m=m2m,
                revision=form.cleaned_data["revision"] or 0,
                by=request.user,
                submit=_and_submit(request),
            )
        except StaleEdit as error:
            stale = keep_their_text(form, error)
        else:
            _say_saved(request, saved, _("The DX point was saved."))
            return redirect("initiatives:point", pk=point.pk)
    return render(
        request,
        "initiatives/point_form.html",
        {
            "form": form,
            "point": point,
            "fiscal_year": point.fiscal_year,
            "section": point.section,
            "stale": stale,
            "return_comment": point.return_comment(),
        },
    )


def _and_submit(request) -> bool:
    """Whether the DXer chose 「保存して部長に提出」 rather than saving a draft."""
    return request.POST.get("then") == "submit"


def _say_saved(request, point: DxPoint, saved: str) -> None:
    if point.state == PointState.SUBMITTED:
        saved = _("The DX point was saved and sent to the department head.")
    messages.success(request, saved)


@require_POST
def point_submit(request, pk: int):
    point = _get_point_for_user(request, pk)
    services.submit_point(point, by=request.user)
    messages.success(request, _("The DX point was sent to the department head."))
    return redirect("initiatives:point", pk=point.pk)


@require_POST
def point_withdraw(request, pk: int):
    """Take a submitted point back as a draft, until the head acts on it."""
    point = _get_point_for_user(request, pk)
    try:
        services.withdraw_point(point, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The submission of “%(title)s” was withdrawn: it is a draft again, "
                "and the department head was told."
            )
            % {"title": point.title},
        )
    return redirect("initiatives:point", pk=point.pk)


@require_POST
@dxer_required
def point_submit_all(request):
    roles = roles_of(request.user)
    fiscal_year = year_asked_for(request)
    points = (
        DxPoint.objects.of_sections(roles)
        .filter(fiscal_year=fiscal_year)
        .to_submit()
        .select_related("fiscal_year", "section__department")
    )
    count = services.submit_points(points, by=request.user)
    messages.success(
        request,
        _("%(count)s DX points were sent to the department head.") % {"count": count},
    )
    return redirect(f"{_list_url()}?year={fiscal_year.year}")


def _list_url() -> str:
    return reverse("initiatives:point_list")


@require_http_methods(["GET", "POST"])
def point_delete(request, pk: int):
    point = _get_point_for_user(request, pk)
    if not point.can_delete(roles_of(request.user)):
        raise PermissionDenied
    if request.method == "POST":
        year = point.fiscal_year.year
        services.delete_point(point, by=request.user)
        messages.success(request, _("The draft was deleted."))
        return redirect(f"{_list_url()}?year={year}")
    return render(request, "initiatives/point_delete.html", {"point": point})


@require_safe
def point_detail(request, pk: int):
    """Everything about a point: its fields, report, comments and actions.

    Staff outside the section, its department and the DX office read an
    approved point with its confirmed report only: no comments, no report
    that is still being written or reviewed.
    """
    point = _get_point_for_user(request, pk)
    roles = roles_of(request.user)
    report = point.report if point.has_report() else None
    report_hidden = report is not None and not report.is_visible_to(roles)
    if report_hidden:
        report = None
    conversation = point.can_see_conversation(roles)
    from_search = search_query(request.GET.get("from"))
    return render(
        request,
        "initiatives/point_detail.html",
        {
            "point": point,
            "report": report,
            "report_hidden": report_hidden,
            "conversation": conversation,
            "comments": point.comments.select_related("author") if conversation else (),
            "principles": point.principles.all(),
            "focus_areas": point.focus_areas.all(),
            "design_articles": point.design_articles.all(),
            "technologies": point.technologies.all(),
            "carried_to": point.carried_to.select_related("fiscal_year"),
            "can": _actions(point, report, roles),
            "comment_form": CommentForm(),
            "breadcrumbs": point_trail(point, roles, from_search=from_search),
            "from_search": from_search,
        },
    )


def _actions(point: DxPoint, report, roles) -> dict[str, bool]:
    """What ``roles`` may do with the point and its report, for the buttons."""
    return {
        "edit": point.can_edit(roles),
        "submit": point.can_submit(roles),
        "withdraw": point.can_withdraw(roles),
        "delete": point.can_delete(roles),
        "approve": point.can_approve(roles),
        "return": point.can_return(roles),
        "comment": point.can_comment(roles),
        "report": point.can_write_report(roles),
        "submit_report": report is not None and report.can_submit(roles),
        "withdraw_report": report is not None and report.can_withdraw(roles),
        "confirm_report": report is not None and report.can_confirm(roles),
        "return_report": report is not None and report.can_return(roles),
    }


@require_POST
def comment_add(request, pk: int):
    point = _get_point_for_user(request, pk)
    form = CommentForm(request.POST)
    if not point.can_comment(roles_of(request.user)):
        raise PermissionDenied
    if form.is_valid():
        services.add_comment(point, body=form.cleaned_data["body"], by=request.user)
        messages.success(request, _("The comment was added."))
    else:
        messages.error(request, _("Write the comment before sending it."))
    return redirect(reverse("initiatives:point", args=[point.pk]) + "#comments")


@require_safe
def point_history(request, pk: int):
    """Who changed what and when: old → new for each field, states included.

    The comments' and the year-end report's entries only for those who read
    the review conversation; other staff see the point's own entries.
    """
    point = _get_point_for_user(request, pk)
    roles = roles_of(request.user)
    trail = point_trail(point, roles)
    return render(
        request,
        "initiatives/point_history.html",
        {
            "point": point,
            "entries": history_entries(
                point, conversation=point.can_see_conversation(roles)
            ),
            "breadcrumbs": with_link(
                trail, reverse("initiatives:point", args=[point.pk]), _("History")
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def carry_forward(request):
    """Copy last year's unfinished points into this year's planning (ワンスオンリー)."""
    fiscal_year = year_asked_for(request)
    section = _my_section(request)
    candidates = services.carry_forward_candidates(section, fiscal_year)
    form = CarryForwardForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        copies = services.carry_forward(
            form.cleaned_data["points"],
            to_year=fiscal_year,
            section=section,
            by=request.user,
        )
        messages.success(
            request,
            _("%(count)s points were copied into %(year)s as drafts.")
            % {"count": len(copies), "year": fiscal_year},
        )
        return redirect(f"{_list_url()}?year={fiscal_year.year}")
    return render(
        request,
        "initiatives/carry_forward.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "section": section,
            "candidates": candidates,
        },
    )


@require_POST
def notifications_read(request):
    services.mark_notifications_read(request.user)
    return redirect("home")
