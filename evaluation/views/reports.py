"""Published annual reports: the list, each version's page and its kept files."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import (
    require_safe,
)

from initiatives.models import FiscalYear, roles_of

from .. import exports, headlines, services
from ..charts import annual_report_charts, trend_chart
from ..models import DRAFT_PHASES, AnnualReport
from ..pdf import PdfUnavailable
from .common import _file_response, _pdf_unavailable


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
    for fiscal_year in FiscalYear.objects.newest_first():
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
    request, load_document, *, annual_report, fiscal_year, preview=False
):
    """The report page. ``load_document`` gives its contents when needed.

    A published version's body is cached once rendered (its contents never
    change), so on a cached page nothing below is worked out: the document,
    its charts and headline figures are lazy.
    """
    versions = _versions(fiscal_year.year)
    newer = [v for v in versions if annual_report and v.version > annual_report.version]
    older = [
        v
        for v in versions
        if annual_report is None or v.version < annual_report.version
    ]
    document = SimpleLazyObject(load_document)
    figures = SimpleLazyObject(lambda: headlines.of_document(document))
    return render(
        request,
        "evaluation/annual_report.html",
        {
            "header": _header(document, annual_report, preview=preview),
            "document": document,
            "data": SimpleLazyObject(lambda: document["figures"]),
            "annual_report": annual_report,
            "fiscal_year": fiscal_year,
            "preview": preview,
            "replaced_by": newer[-1] if newer else None,
            "corrects": older[-1] if older else None,
            "charts": SimpleLazyObject(lambda: annual_report_charts(document)),
            "headlines": figures,
            "completeness": SimpleLazyObject(
                lambda: headlines.completeness_of(document)
            ),
            "trend": SimpleLazyObject(lambda: trend_chart(figures)),
            "comments": SimpleLazyObject(lambda: exports.department_comments(document)),
            "downloads": _downloads(document, annual_report, preview=preview),
        },
    )


def _header(document, annual_report, *, preview: bool) -> dict:
    """The cover's year, version and city: a published version's from its row."""
    if preview:
        data = document["figures"]
        return {
            "fiscal_year": data["fiscal_year"],
            "version": data["version"],
            "municipality": document["municipality"],
        }
    return {
        "fiscal_year": annual_report.fiscal_year_id,
        "version": annual_report.version,
        "municipality": settings.MUNICIPALITY_NAME,
    }


def _downloads(document, annual_report, *, preview: bool) -> list[dict]:
    header = _header(document, annual_report, preview=preview)
    data = {"fiscal_year": header["fiscal_year"], "version": header["version"]}
    return exports.downloads(data, preview=preview)


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
        lambda: annual_report.frozen(with_points=False),
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
        lambda: annual_report.frozen(with_points=False),
        annual_report=annual_report,
        fiscal_year=annual_report.fiscal_year,
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
