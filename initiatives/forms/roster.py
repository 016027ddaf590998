"""The DXer roster: training records (the DX office)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.dates import DateField
from iruma_dx.lib.fiscal import FiscalYearField
from iruma_dx.lib.numbers import NumberField

from ..models import Training
from .common import DATE_WIDGET, YEAR_HELP


class TrainingForm(forms.ModelForm):
    taken_on = DateField(label=_("date"), widget=DATE_WIDGET)
    hours = NumberField(
        label=_("hours"),
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.1"),
        help_text=_("For example 1.5."),
    )

    class Meta:
        model = Training
        fields = ["course", "taken_on", "hours"]
        help_texts = {"course": _("For example: 生成AI活用研修, BPR入門.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.instance.user = user
        self.fields["hours"].widget.attrs["class"] = "input--narrow"


class RosterYearForm(forms.Form):
    year = FiscalYearField(label=_("fiscal year"), help_text=YEAR_HELP)
