"""What the annual report's views share: the year of the URL, files, paging."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from initiatives.models import FiscalYear

from .. import exports
from ..pdf import DEBIAN_PACKAGES

DEPARTMENTS_PER_PAGE = 20  # the draft page's table of departments and comments


def _fiscal_year(year: int) -> FiscalYear:
    return get_object_or_404(FiscalYear, year=year)


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
