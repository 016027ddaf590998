"""Excel and CSV interchange: what to export, the file to import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import interchange
from ..models import (
    Department,
    FiscalYear,
    Roles,
)


class ExportForm(forms.Form):
    """Which points to export: a fiscal year (and a department for the DX office)."""

    year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int)
    department = forms.ModelChoiceField(
        Department.objects.all(),
        label=_("department"),
        required=False,
        empty_label=_("All departments"),
    )
    file_type = forms.ChoiceField(
        label=_("file type"),
        choices=[("xlsx", _("Excel workbook (.xlsx)")), ("csv", _("CSV (.csv)"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (year.year, year.label) for year in FiscalYear.objects.newest_first()
        ]
        if not roles.is_dx_office:
            del self.fields["department"]


class ImportForm(forms.Form):
    """An xlsx or CSV file in the interchange columns, read as it is uploaded."""

    file = forms.FileField(
        label=_("xlsx or CSV file"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"empty": _("The file is empty.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The columns of the template. At most %(size)s MB and %(rows)s rows; "
            "CSV in UTF-8 or Shift_JIS."
        ) % {
            "size": interchange.MAX_FILE_BYTES // (1024 * 1024),
            "rows": f"{interchange.MAX_ROWS:,}",
        }
        self.table: interchange.Table | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = interchange.MAX_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": limit // (1024 * 1024)}
            )
        try:
            self.table = interchange.read_table(upload.read(), file_name=upload.name)
        except interchange.FileRejected as error:
            raise forms.ValidationError(error.messages) from error
        return upload
