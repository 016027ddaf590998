"""The DX office's draft of the annual report: texts, comments, preview, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_safe,
)

from initiatives.decorators import dx_office_required
from initiatives.models import FiscalYear, roles_of
from initiatives.year_summary import summarise

from .. import exports, headlines, highlights, services
from ..documents import draft_document, draft_of, live_document
from ..forms import DepartmentCommentForm, DraftForm, PublishForm
from ..models import DRAFT_PHASES, PUBLISH_PHASES, AnnualReport
from ..pdf import PdfUnavailable
from ..rollups import (
    annual_report_data,
    roll_up,
)
from .common import DEPARTMENTS_PER_PAGE, _file_response, _fiscal_year, _pdf_unavailable
from .reports import _render_annual_report

SHORTLIST = 50  # highlight candidates offered on the draft page


STALE_DRAFT_MESSAGE = gettext_lazy(
    "Someone else saved or published the draft while you were editing it, so "
    "nothing was saved. Your text is still in the form: compare it with the "
    "saved draft (open the preview in another tab) and save again to replace it."
)


@transaction.non_atomic_requests  # read-only: so it may read a kept roll-up
@require_safe
@dx_office_required
def draft_export(request, year: int, fmt: str):
    """The draft's file, made from the live figures on each download."""
    fiscal_year = _fiscal_year(year)
    document = draft_document(fiscal_year, draft_of(fiscal_year), fmt)
    try:
        content = exports.render(document, fmt)
    except PdfUnavailable:
        return _pdf_unavailable(
            request, year, reverse("evaluation:preview", args=[year])
        )
    return _file_response(content, fmt, exports.filename(document, fmt))


def _shortlist(fiscal_year: FiscalYear, chosen: list):
    """The points offered as highlights: the best results, and those chosen.

    A year has thousands of candidates; a page of checkboxes for all of them
    would be unusable, so the best SHORTLIST are offered.
    """
    picked = [pk for pk in chosen if str(pk).isdigit()]
    offered = highlights.best(fiscal_year, SHORTLIST) + picked
    return (
        highlights.candidates(fiscal_year)
        .filter(pk__in=offered)
        .select_related("section__department", "report", "fiscal_year")
    )


def _initial(draft: AnnualReport | None, source: AnnualReport | None) -> dict:
    """The form starts from the draft, or from the newest published version."""
    initial = {"revision": draft.revision if draft else 0}
    if source is None:
        return initial
    initial["summary"] = source.summary
    initial["highlights"] = list(source.highlights.values_list("pk", flat=True))
    return initial


@require_http_methods(["GET", "POST"])
@dx_office_required
def draft_edit(request, year: int):
    """The DX office's workspace: the live roll-up beside the draft's texts."""
    fiscal_year = _fiscal_year(year)
    if request.method == "POST" and fiscal_year.phase not in DRAFT_PHASES:
        messages.error(
            request,
            _("The annual report is written from the year-end reporting phase on."),
        )
        return redirect("evaluation:draft", year=year)
    draft = draft_of(fiscal_year)
    rollup = roll_up(fiscal_year)
    form = _draft_form(request, fiscal_year, draft, rollup)
    if (
        request.method == "POST"
        and form.is_valid()
        and (response := _save(request, form, fiscal_year))
    ):
        return response
    return _draft_page(request, form, fiscal_year, draft, rollup)


def _draft_form(request, fiscal_year: FiscalYear, draft, rollup) -> DraftForm:
    """The draft's form, starting from the draft or the newest published version."""
    source = draft or (
        AnnualReport.objects.latest_versions().filter(fiscal_year=fiscal_year).first()
    )
    initial = _initial(draft, source)
    form = DraftForm(
        request.POST or None,
        candidates=_shortlist(
            fiscal_year,
            initial.get("highlights", []) + request.POST.getlist("highlights"),
        ),
        initial=initial,
    )
    form.source = source
    return form


def _draft_page(request, form: DraftForm, fiscal_year: FiscalYear, draft, rollup):
    document = live_document(fiscal_year, draft, rollup=rollup, with_points=False)
    # Before a correction's first save, the comments it will start from.
    with_comments = draft or form.source
    comments = (
        dict(with_comments.department_comments.values_list("department", "body"))
        if with_comments is not None
        else {}
    )
    departments = Paginator(
        [
            {
                "department": department,
                "figures": figures,
                "comment": comments.get(department.pk, ""),
            }
            for (department, _f), figures in zip(
                rollup.by_department, document["figures"]["by_department"], strict=True
            )
        ],
        DEPARTMENTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/draft.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "draft": draft,
            "source": form.source,
            "editable": fiscal_year.phase in DRAFT_PHASES,
            "publishable": fiscal_year.phase in PUBLISH_PHASES,
            "document": document,
            "data": document["figures"],
            "departments": departments,
            "formats": exports.REPORT_EXTENSIONS,
        },
    )


def _save(request, form: DraftForm, fiscal_year: FiscalYear):
    """Save the draft; on a conflict, keep the editor's text and say why."""
    try:
        services.save_draft(
            fiscal_year,
            summary=form.cleaned_data["summary"],
            highlights=[point.pk for point in form.cleaned_data["highlights"]],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.StaleDraft as stale:
        form.data = form.data.copy()
        form.data["revision"] = stale.current.revision if stale.current else 0
        form.add_error(None, STALE_DRAFT_MESSAGE)
        form.stale = stale.current
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The draft was saved."))
    return redirect("evaluation:draft", year=fiscal_year.year)


@require_http_methods(["GET", "POST"])
@dx_office_required
def draft_department(request, year: int, pk: int):
    """The draft's comment on one department, beside that department's figures."""
    fiscal_year = _fiscal_year(year)
    department, figures = _department_figures(fiscal_year, pk)
    draft = draft_of(fiscal_year)
    saved = (
        draft.department_comments.filter(department=department).first()
        if draft
        else None
    )
    form = DepartmentCommentForm(
        request.POST or None,
        initial={
            "revision": draft.revision if draft else 0,
            "body": saved.body if saved else "",
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (response := _save_comment(request, form, fiscal_year, department))
    ):
        return response
    return render(
        request,
        "evaluation/draft_department.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "department": department,
            "figures": figures,
            "editable": fiscal_year.phase in DRAFT_PHASES,
        },
    )


def _department_figures(fiscal_year: FiscalYear, pk: int) -> tuple:
    """A department of the year's roll-up and its live figures; 404 if not in it."""
    rollup = roll_up(fiscal_year)
    rows = annual_report_data(rollup, status="draft", version=0)["by_department"]
    for (department, _figures), row in zip(rollup.by_department, rows, strict=True):
        if department.pk == pk:
            return department, row
    raise Http404


def _save_comment(request, form, fiscal_year: FiscalYear, department):
    """Save one department's comment; on a conflict, keep the text and say why."""
    try:
        services.save_department_comment(
            fiscal_year,
            department=department,
            body=form.cleaned_data["body"],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.StaleDraft as stale:
        form.data = form.data.copy()
        form.data["revision"] = stale.current.revision if stale.current else 0
        form.add_error(None, STALE_DRAFT_MESSAGE)
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(
        request,
        _("The comment on %(department)s was saved.") % {"department": department},
    )
    return redirect(
        reverse("evaluation:draft", args=[fiscal_year.year]) + "#workspace-departments"
    )


@require_safe
@dx_office_required
def draft_preview(request, year: int):
    """The draft as everyone will read it once published."""
    fiscal_year = _fiscal_year(year)
    draft = draft_of(fiscal_year)
    return _render_annual_report(
        request,
        lambda: live_document(fiscal_year, draft, with_points=False),
        annual_report=draft,
        fiscal_year=fiscal_year,
        preview=True,
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def draft_publish(request, year: int):
    """Confirm, then publish the draft as a frozen version."""
    fiscal_year = _fiscal_year(year)
    draft = draft_of(fiscal_year)
    if draft is None:
        messages.error(request, _("Save the draft before publishing it."))
        return redirect("evaluation:draft", year=year)
    can_publish = draft.can_publish(roles_of(request.user))
    form = PublishForm(request.POST or None, initial={"revision": draft.revision})
    if request.method == "POST" and can_publish and form.is_valid():
        annual_report = _publish(form, draft, by=request.user)
        if annual_report is not None:
            messages.success(
                request,
                _("Version %(version)s of the annual report was published.")
                % {"version": annual_report.version},
            )
            return redirect(
                "evaluation:version", year=year, version=annual_report.version
            )
    replaces = AnnualReport.objects.latest_versions().filter(fiscal_year=fiscal_year)
    return render(
        request,
        "evaluation/publish.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "draft": draft,
            "can_publish": can_publish,
            "replaces": replaces.without_contents().first(),
            # What the report will rest on: confirmed reports of approved points.
            "summary": summarise(fiscal_year),
            "complete_from": headlines.COMPLETE_FROM,
        },
    )


def _publish(form: PublishForm, draft: AnnualReport, *, by) -> AnnualReport | None:
    """Publish the draft; on a conflict or a refusal, say why on the form."""
    try:
        return services.publish_annual_report(
            draft, revision=form.cleaned_data["revision"], by=by
        )
    except services.StaleDraft:
        form.add_error(
            None,
            _(
                "The draft changed after you opened this page. Check the "
                "preview again before publishing."
            ),
        )
        form.data = form.data.copy()
        form.data["revision"] = draft_of(draft.fiscal_year).revision
    except ValidationError as error:
        form.add_error(None, error.messages)
    return None
