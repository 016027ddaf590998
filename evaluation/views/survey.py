"""The national survey pack's page and downloads (the DX office)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from initiatives.decorators import dx_office_required
from initiatives.models import FiscalYear

from .. import survey


@require_safe
@dx_office_required
def survey_page(request):
    """Each fiscal year with its pack, as xlsx or as a zip of CSV files."""
    years = FiscalYear.objects.select_related("focus_area_edition").newest_first()
    return render(
        request,
        "evaluation/survey.html",
        {"years": years, "csv_names": survey.CSV_NAMES},
    )


@require_safe
@dx_office_required
def survey_download(request, year: int, fmt: str):
    if fmt not in survey.FORMATS:
        raise Http404
    fiscal_year = get_object_or_404(FiscalYear, year=year)
    response = HttpResponse(
        survey.render(fiscal_year, fmt), content_type=survey.FORMATS[fmt]
    )
    response["Content-Disposition"] = content_disposition_header(
        True, survey.file_name(fiscal_year, fmt)
    )
    return response
