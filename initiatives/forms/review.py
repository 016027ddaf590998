"""The department head's return of a point or a report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("comment for the DXer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what to change. The DXer sees it on the point."),
    )


class IdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by id; anything but a plain id of the queryset is refused.

    The database would refuse ``99999999999999999999`` with an overflow
    rather than a "no such row": such values are refused before any query.
    """

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and int(text) < 2**63):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ReviewSelectionForm(forms.Form):
    """The points (or reports) a head ticked on the review page.

    ``items`` are the rows the head may act on; an id that is not one of
    them (another department's, a typo, ``abc``) makes the form invalid, so
    nothing is approved by half.
    """

    def __init__(self, *args, field: str, items, empty_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field
        self.fields[field] = IdsField(
            items,
            error_messages={
                "required": empty_message,
                "invalid_choice": _(
                    "ID %(value)s is not yours to review. Nothing was done."
                ),
                "invalid_pk_value": _("“%(pk)s” is not an ID. Nothing was done."),
            },
        )

    @property
    def chosen(self):
        return self.cleaned_data[self.field_name]

    def error_text(self) -> str:
        return " ".join(self.errors[self.field_name])
