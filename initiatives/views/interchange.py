"""Excel and CSV interchange: the template, the export, the import and its preview."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from iruma_dx.lib.spreadsheet import csv_bytes, xlsx_bytes

from .. import interchange
from ..decorators import dxer_required, with_a_role_required
from ..forms import ExportForm, ImportForm
from ..interchange import DATA_SHEET, MAX_FILE_BYTES, MAX_ROWS, PREVIEW_LIMIT
from ..models import (
    DxPoint,
    FiscalYear,
    FocusArea,
    NationalPlanEdition,
    PointImport,
    Principle,
    Section,
    Technology,
    fiscal_year_today,
    roles_of,
)
from ..point_sheets import point_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response


def _hub(request, form: ExportForm):
    return render(
        request,
        "initiatives/import_export.html",
        {"form": form, "can_import": roles_of(request.user).is_dxer},
    )


@require_safe
@with_a_role_required
def hub(request):
    """The template, the export of what the person may see, and the way to import."""
    current = FiscalYear.objects.newest()
    form = ExportForm(
        roles=roles_of(request.user),
        initial={"year": current.year if current else None},
    )
    return _hub(request, form)


@require_safe
@with_a_role_required
def points_export(request):
    """The year's points as xlsx or CSV: a DXer's sections, a head's departments."""
    roles = roles_of(request.user)
    form = ExportForm(request.GET, roles=roles)
    if not form.is_valid():
        return _hub(request, form)
    fiscal_year = get_object_or_404(FiscalYear, year=form.cleaned_data["year"])
    points = DxPoint.objects.exportable_by(roles).filter(fiscal_year=fiscal_year)
    department = form.cleaned_data.get("department")
    if department is not None:
        points = points.filter(section__department=department)
    rows = interchange.point_rows(points, interchange.ALL_COLUMNS)
    if form.cleaned_data["file_type"] == "csv":
        body, content_type, suffix = csv_bytes(rows), "text/csv; charset=utf-8", ".csv"
    else:
        sheet = point_sheet(DATA_SHEET, rows, header_text=fiscal_year.label)
        body, content_type, suffix = xlsx_bytes([sheet]), XLSX, ".xlsx"
    name = interchange.export_file_name(fiscal_year.label, suffix, department)
    return _download(body, content_type, name)


@require_safe
@with_a_role_required
def import_template(request):
    """The xlsx template with drop-down lists, a guide sheet and one example row."""
    roles = roles_of(request.user)
    fiscal_year = FiscalYear.objects.select_related("focus_area_edition").newest()
    year = fiscal_year.year if fiscal_year else fiscal_year_today()
    edition = (
        fiscal_year.focus_area_edition
        if fiscal_year
        else NationalPlanEdition.objects.newest()
    )
    sections = Section.objects.select_related("department")
    section = sections.filter(pk__in=roles.section_ids).first()
    if section is None:
        section = sections.active_in(year).first()
    focus_areas = [
        (area.number, area.name) for area in FocusArea.objects.of_edition(edition.pk)
    ]
    example = interchange.example_row(
        year=year, section=section, focus_areas=focus_areas
    )
    body = interchange.template_bytes(
        example=example,
        principles=[(p.number, p.title) for p in Principle.objects.all()],
        focus_areas=focus_areas,
        edition=edition.title,
        technologies=list(Technology.objects.values_list("name", flat=True)),
    )
    name = _("%(sheet)s_template.xlsx") % {"sheet": DATA_SHEET}
    return _download(body, XLSX, name)


@require_http_methods(["GET", "POST"])
@dxer_required
def import_upload(request):
    """Upload a file; its rows are kept for the preview (nothing is saved yet)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = interchange.store_upload(
            table=form.table, file_name=form.cleaned_data["file"].name, by=request.user
        )
        return redirect("initiatives:import_preview", pk=upload.pk)
    return render(
        request,
        "initiatives/import_upload.html",
        {
            "form": form,
            "max_mb": MAX_FILE_BYTES // (1024 * 1024),
            "max_rows": MAX_ROWS,
        },
    )


@require_http_methods(["GET", "POST"])
@dxer_required
def import_preview(request, pk: int):
    """What the upload would do, row by row; confirming applies all of it or nothing."""
    upload = get_object_or_404(
        PointImport.objects.filter(uploaded_by=request.user), pk=pk
    )
    if upload.applied_at is not None:
        messages.info(request, _("This file was already imported."))
        return redirect("initiatives:point_list")
    changed = False
    if request.method == "POST":
        digest = request.POST.get("digest", "")
        try:
            preview = interchange.apply_upload(
                upload, by=request.user, expected_digest=digest
            )
        except interchange.ImportRejected as rejected:
            preview, changed = rejected.preview, rejected.changed
        else:
            return _imported(request, upload, preview)
    else:
        preview = interchange.preview_import(
            table=interchange.table_of(upload),
            file_name=upload.file_name,
            by=request.user,
        )
    return render(
        request,
        "initiatives/import_preview.html",
        {
            "upload": upload,
            "preview": preview,
            "changed": changed,
            "creates": preview.creates[:PREVIEW_LIMIT],
            "updates": preview.updates[:PREVIEW_LIMIT],
            "errors": preview.errors[:PREVIEW_LIMIT],
            "limit": PREVIEW_LIMIT,
            "change_count": len(preview.creates) + len(preview.updates),
        },
    )


def _imported(request, upload: PointImport, preview: interchange.ImportPreview):
    """Say what was imported and show the section's points of that year."""
    messages.success(
        request,
        _("“%(file)s” was imported: %(created)s new DX points, %(updated)s changed.")
        % {
            "file": upload.file_name,
            "created": len(preview.creates),
            "updated": len(preview.updates),
        },
    )
    year = preview.first_year()
    url = reverse("initiatives:point_list")
    return redirect(f"{url}?year={year}" if year else url)
