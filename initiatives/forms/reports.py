"""The year-end report on an approved point."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.numbers import NumberField

from ..models import (
    AchievementReport,
    DxPoint,
    Level,
)
from .common import OneMessagePerProblem, RevisionField


class ReportForm(OneMessagePerProblem, forms.ModelForm):
    actual = NumberField(
        label=_("actual value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        # The model's words, so that an empty field is told once, the same way.
        error_messages={"required": _("Enter the actual value of the indicator.")},
    )
    self_level = forms.ChoiceField(
        label=_("self-assessed level"),
        choices=Level.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the level the section reached.")},
    )
    hours_saved = NumberField(
        label=_("staff hours saved per year"),
        max_digits=10,
        decimal_places=1,
        min_value=0,
        help_text=_("0 or more. Hours of staff work the change saves in a year."),
    )
    revision = RevisionField()

    class Meta:
        model = AchievementReport
        fields = ["actual", "self_level", "effect", "hours_saved", "next_steps"]
        widgets = {
            "effect": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"effect": {"required": _("Describe the effect in words.")}}

    def __init__(self, *args, point: DxPoint, **kwargs):
        super().__init__(*args, **kwargs)
        self.point = point
        self.instance.point = point
        if point.has_indicator:
            del self.fields["self_level"]
            self.fields["actual"].required = True
            self.fields["actual"].label = _("actual value (%(unit)s)") % {
                "unit": point.indicator_unit
            }
            self.fields["actual"].widget.attrs.update(
                {"class": "input--narrow", "data-rate-actual": ""}
            )
        else:
            del self.fields["actual"]
            self.fields["self_level"].required = True
        self.fields["effect"].required = True
        self.fields["hours_saved"].widget.attrs["class"] = "input--narrow"
        if not self.is_bound:
            self.fields["revision"].initial = (
                self.instance.revision if self.instance.pk else None
            )

    def fields_for_service(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("actual", "self_level", "effect", "hours_saved", "next_steps")
            if name in self.cleaned_data
        }
