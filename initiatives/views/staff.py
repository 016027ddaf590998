"""The April rotation from a staff list: upload, preview, confirm (the DX office)."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import services, staff_list
from ..decorators import dx_office_required
from ..forms import StaffListForm
from ..models import Section, StaffImport, fiscal_year_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Preview tables list this many rows each; the counts are always whole.
PREVIEW_LIMIT = 500


@require_safe
@dx_office_required
def staff_template(request):
    """The xlsx template, its examples naming a real section and next April."""
    year = fiscal_year_today() + 1
    section = (
        Section.objects.active_in(year)
        .filter(is_dx_office=False)
        .select_related("department")
        .first()
    )
    body = staff_list.template_bytes(
        department=section.department.name if section else "市民生活部",
        section=section.name if section else "市民課",
        first_day=date(year, 4, 1),
    )
    response = HttpResponse(body, content_type=XLSX)
    name = _("%(sheet)s_template.xlsx") % {"sheet": staff_list.SHEET}
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_http_methods(["GET", "POST"])
@dx_office_required
def staff_upload(request):
    """Upload a staff list; its rows are kept for the preview (nothing changes yet)."""
    form = StaffListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = services.store_staff_upload(
            table=form.table,
            file_name=form.cleaned_data["file"].name,
            whole_list=form.whole_list,
            by=request.user,
        )
        return redirect("initiatives:staff_preview", pk=upload.pk)
    return render(
        request,
        "initiatives/staff_upload.html",
        {"form": form, "directory": services.directory_configured()},
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def staff_preview(request, pk: int):
    """Every change the list makes; confirming applies all of it or nothing."""
    upload = get_object_or_404(StaffImport, pk=pk, uploaded_by=request.user)
    if upload.applied_at is not None:
        messages.info(request, _("This staff list was already applied."))
        return redirect("initiatives:rotation")
    changed = False
    if request.method == "POST":
        digest = request.POST.get("digest", "")
        try:
            preview = services.apply_staff_upload(
                upload, by=request.user, expected_digest=digest
            )
        except services.StaffListRejected as rejected:
            preview, changed = rejected.preview, rejected.changed
        else:
            return _applied(request, upload, preview)
    else:
        preview = services.preview_staff_list(
            table=services.staff_table_of(upload),
            file_name=upload.file_name,
            whole_list=upload.whole_list,
        )
    limited = {
        name: getattr(preview, name)[:PREVIEW_LIMIT]
        for name in ("changes", "new_accounts", "errors")
    }
    context = {"upload": upload, "preview": preview, "changed": changed}
    return render(
        request,
        "initiatives/staff_preview.html",
        {**context, **limited, "limit": PREVIEW_LIMIT},
    )


def _applied(request, upload: StaffImport, preview: staff_list.StaffPreview):
    """Say what changed and show the organisation of that year with its holders."""
    messages.success(
        request,
        _(
            "The staff list “%(file)s” was applied to %(year)s: %(count)s changes, "
            "%(accounts)s new accounts."
        )
        % {
            "file": upload.file_name,
            "year": preview.year_label,
            "count": len(preview.changes),
            "accounts": len(preview.new_accounts),
        },
    )
    return redirect(f"{reverse('initiatives:org')}?year={preview.year}")
