"""The staff list upload of the April rotation (the DX office)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import staff_list

SCOPES = [
    (
        "listed",
        _(
            "Only the sections and departments the file names change; the "
            "others keep their DXer and head."
        ),
    ),
    (
        "whole",
        _(
            "The file is the whole list: every DXer and head role it does not "
            "name ends."
        ),
    ),
]


class StaffListForm(forms.Form):
    """An xlsx or CSV staff list, read as it is uploaded, and what it covers."""

    file = forms.FileField(
        label=_("Staff list (xlsx or CSV)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"empty": _("The file is empty.")},
    )
    scope = forms.ChoiceField(
        label=_("What the file lists"),
        choices=SCOPES,
        initial="listed",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s MB and %(rows)s rows; CSV in UTF-8 or Shift_JIS."
        ) % {
            "size": staff_list.MAX_FILE_BYTES // (1024 * 1024),
            "rows": f"{staff_list.MAX_ROWS:,}",
        }
        self.table: staff_list.StaffTable | None = None

    @property
    def whole_list(self) -> bool:
        return self.cleaned_data.get("scope") == "whole"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = staff_list.MAX_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": limit // (1024 * 1024)}
            )
        try:
            self.table = staff_list.read_staff_list(
                upload.read(), file_name=upload.name
            )
        except staff_list.FileRejected as error:
            raise forms.ValidationError(error.messages) from error
        return upload
