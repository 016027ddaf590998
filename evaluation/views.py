"""Annual report pages: the draft, published versions, exports, the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from initiatives.decorators import dx_office_required
from initiatives.models import FiscalYear, roles_of
from initiatives.year_summary import summarise
from iruma_dx.lib.fiscal import parse_fiscal_year

from . import exports, headlines, highlights, services
from .charts import annual_report_charts, progress_chart, trend_chart
from .documents import draft_document, draft_of, live_document
from .forms import DraftForm, PublishForm
from .models import DRAFT_PHASES, PUBLISH_PHASES, AnnualReport
from .pdf import DEBIAN_PACKAGES, PdfUnavailable
from .rollups import annual_report_data, progress, roll_up, year_over_year

SHORTLIST = 50  # highlight candidates offered on the draft page


def _fiscal_year(year: int) -> FiscalYear:
    return get_object_or_404(FiscalYear, year=year)


def _versions(fiscal_year_id: int) -> list[AnnualReport]:
    return list(
        AnnualReport.objects.published()
        .filter(fiscal_year_id=fiscal_year_id)
        .without_contents()
        .order_by("version")
    )


@require_safe
def annual_report_list(request):
    """Every fiscal year's published versions; the drafts too for the DX office."""
    roles = roles_of(request.user)
    annual_reports = (
        AnnualReport.objects.visible_to(roles)
        .without_contents()
        .order_by("fiscal_year", "version")
    )
    by_year: dict[int, list[AnnualReport]] = {}
    for annual_report in annual_reports:
        by_year.setdefault(annual_report.fiscal_year_id, []).append(annual_report)
    years = []
    for fiscal_year in FiscalYear.objects.order_by("-year"):
        versions = by_year.get(fiscal_year.year, [])
        published = [
            annual_report for annual_report in versions if annual_report.is_published
        ]
        if published or roles.is_dx_office:
            years.append(
                {
                    "fiscal_year": fiscal_year,
                    "published": published[::-1],
                    "draft": next((r for r in versions if r.is_draft), None),
                    "can_draft": fiscal_year.phase in DRAFT_PHASES,
                }
            )
    return render(request, "evaluation/annual_report_list.html", {"years": years})


def _render_annual_report(
    request, document: dict, *, annual_report, fiscal_year, preview=False
):
    versions = _versions(fiscal_year.year)
    newer = [
        v
        for v in versions
        if annual_report is not None and v.version > annual_report.version
    ]
    older = [
        v
        for v in versions
        if annual_report is None or v.version < annual_report.version
    ]
    data = document["figures"]
    figures = headlines.of_document(document)
    return render(
        request,
        "evaluation/annual_report.html",
        {
            "document": document,
            "data": data,
            "annual_report": annual_report,
            "fiscal_year": fiscal_year,
            "preview": preview,
            "replaced_by": newer[-1] if newer else None,
            "corrects": older[-1] if older else None,
            "charts": annual_report_charts(document),
            "headlines": figures,
            "completeness": headlines.completeness_of(document),
            "trend": trend_chart(figures),
            "comments": exports.department_comments(document),
            "downloads": exports.downloads(data, preview=preview),
        },
    )


@require_safe
def annual_report_latest(request, year: int):
    """The newest published version of a year's report."""
    annual_report = (
        AnnualReport.objects.latest_versions()
        .filter(fiscal_year_id=year)
        .select_related("fiscal_year")
        .defer("frozen_points")
        .first()
    )
    if annual_report is None:
        raise Http404
    return _render_annual_report(
        request,
        annual_report.frozen(with_points=False),
        annual_report=annual_report,
        fiscal_year=annual_report.fiscal_year,
    )


def _published(year: int, version: int, *, page: bool = False) -> AnnualReport:
    """A published version; a page leaves the frozen list of points unread."""
    annual_reports = AnnualReport.objects.published().select_related("fiscal_year")
    if page:
        annual_reports = annual_reports.defer("frozen_points")
    return get_object_or_404(annual_reports, fiscal_year_id=year, version=version)


@require_safe
def annual_report_version(request, year: int, version: int):
    annual_report = _published(year, version, page=True)
    return _render_annual_report(
        request,
        annual_report.frozen(with_points=False),
        annual_report=annual_report,
        fiscal_year=annual_report.fiscal_year,
    )


def _file_response(content: bytes, fmt: str, name: str, etag: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type=exports.FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Length"] = str(len(content))
    if etag:
        response["ETag"] = f'"{etag}"'
    return response


def _pdf_unavailable(request, fiscal_year: int, url: str) -> HttpResponse:
    """The PDF cannot be made on this server: say so, and offer the other files."""
    return render(
        request,
        "evaluation/pdf_unavailable.html",
        {"fiscal_year": fiscal_year, "back_url": url, "packages": DEBIAN_PACKAGES},
        status=503,
    )


@require_safe
def version_export(request, year: int, version: int, fmt: str):
    """A published version's file: the bytes kept when it was published."""
    try:
        kept = services.published_file(year, version, fmt)
    except AnnualReport.DoesNotExist as error:
        raise Http404 from error
    except PdfUnavailable:
        return _pdf_unavailable(
            request, year, reverse("evaluation:version", args=[year, version])
        )
    name = exports.file_name(year, version, "published", fmt)
    return _file_response(kept.content, fmt, name, etag=kept.sha256)


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


def _initial(draft: AnnualReport | None, source: AnnualReport | None, departments):
    """The form starts from the draft, or from the newest published version."""
    initial = {"revision": draft.revision if draft else 0}
    if source is None:
        return initial
    comments = dict(source.department_comments.values_list("department", "body"))
    initial["summary"] = source.summary
    initial["highlights"] = list(source.highlights.values_list("pk", flat=True))
    for department in departments:
        initial[DraftForm.comment_field(department)] = comments.get(department.pk, "")
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
    departments = [department for department, _figures in rollup.by_department]
    source = draft or (
        AnnualReport.objects.latest_versions().filter(fiscal_year=fiscal_year).first()
    )
    initial = _initial(draft, source, departments)
    form = DraftForm(
        request.POST or None,
        departments=departments,
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
    departments = zip(
        form.departments, document["figures"]["by_department"], strict=True
    )
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
            "headlines": headlines.of_document(document),
            "departments": [
                {"figures": figures, "field": form[DraftForm.comment_field(department)]}
                for department, figures in departments
            ],
            "formats": exports.REPORT_EXTENSIONS,
        },
    )


def _save(request, form: DraftForm, fiscal_year: FiscalYear):
    """Save the draft; on a conflict, keep the editor's text and say why."""
    try:
        services.save_draft(
            fiscal_year,
            summary=form.cleaned_data["summary"],
            comments=form.comments(),
            highlights=[point.pk for point in form.cleaned_data["highlights"]],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.StaleDraft as stale:
        form.data = form.data.copy()
        form.data["revision"] = stale.current.revision if stale.current else 0
        form.add_error(
            None,
            _(
                "Someone else saved or published the draft while you were editing "
                "it, so nothing was saved. Your text is still in the form: compare "
                "it with the saved draft (open the preview in another tab) and "
                "save again to replace it."
            ),
        )
        form.stale = stale.current
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The draft was saved."))
    return redirect("evaluation:draft", year=fiscal_year.year)


@require_safe
@dx_office_required
def draft_preview(request, year: int):
    """The draft as everyone will read it once published."""
    fiscal_year = _fiscal_year(year)
    draft = draft_of(fiscal_year)
    return _render_annual_report(
        request,
        live_document(fiscal_year, draft, with_points=False),
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


def _year_from(request) -> FiscalYear:
    """The fiscal year of ?year=, or the newest one; 404 when there is none."""
    raw = request.GET.get("year")
    if raw:
        try:
            return _fiscal_year(parse_fiscal_year(raw))
        except ValidationError as error:
            raise Http404 from error
    fiscal_year = FiscalYear.objects.newest()
    if fiscal_year is None:
        raise Http404
    return fiscal_year


@require_safe
@dx_office_required
def dashboard(request):
    """Each department's progress in the year, a chart, and the years side by side."""
    fiscal_year = _year_from(request)
    rows = progress(fiscal_year, timezone.localdate())
    totals = {
        key: sum(row[key] for row in rows)
        for key in (
            "points",
            "submitted",
            "approved",
            "not_submitted",
            "reports_submitted",
            "reports_confirmed",
            "late",
            "overdue",
        )
    }
    totals["empty_sections"] = sum(len(row["empty_sections"]) for row in rows)
    year_rows = year_over_year()
    headlines_ = headlines.of_dashboard(fiscal_year.year, year_rows)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "fiscal_year": fiscal_year,
            "years": FiscalYear.objects.order_by("-year"),
            "rows": rows,
            "totals": totals,
            "chart": progress_chart(rows),
            "year_rows": year_rows,
            "headlines": headlines_,
            "trend": trend_chart(headlines_),
            # The year's live figures: not assessed, yen, directions, technologies.
            "figures": annual_report_data(
                roll_up(fiscal_year), status="draft", version=0
            ),
            "today": timezone.localdate(),
        },
    )


def _names(people) -> str:
    return "、".join(str(person) for person in people)


@require_POST
@dx_office_required
def remind_open_items(request, year: int):
    """The phase page's button: remind the people with open items, now."""
    fiscal_year = _fiscal_year(year)
    result = services.remind_open_items(
        fiscal_year, by=request.user, today=timezone.localdate()
    )
    if result.sent:
        messages.success(
            request,
            _("Reminders were sent to: %(names)s.") % {"names": _names(result.sent)},
        )
    if result.already:
        messages.info(
            request,
            _("Already reminded today, so not sent again: %(names)s.")
            % {"names": _names(result.already)},
        )
    if result.no_email:
        messages.warning(
            request,
            _("No e-mail address, so not reminded: %(names)s.")
            % {"names": _names(result.no_email)},
        )
    if result.failed:
        messages.error(
            request,
            _("The mail server refused the reminders to: %(names)s.")
            % {"names": _names(result.failed)},
        )
    if not (result.sent or result.already or result.no_email or result.failed):
        messages.info(request, _("Nobody has open items to be reminded of."))
    return redirect("initiatives:year_phase", year=year)
