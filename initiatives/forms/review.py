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
