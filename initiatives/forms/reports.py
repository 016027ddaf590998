"""The year-end report on an approved point."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.numbers import NumberField

from ..models import (
    NOT_ASSESSED,
    AchievementReport,
    Direction,
    DxPoint,
    HoursBasis,
    Level,
)
from ..models.measures import ALL_BASIS_INPUTS, BASIS_INPUTS
from .common import OneMessagePerProblem, RevisionField

SERVICE_FIELDS = (
    "actual",
    "self_level",
    "effect",
    "analysis",
    "hours_basis",
    "annual_cases",
    "minutes_per_case",
    "hours_before",
    "hours_after",
    "hours_saved",
    "direction",
    "next_steps",
)


class ReportForm(OneMessagePerProblem, forms.ModelForm):
    actual = NumberField(
        label=_("actual value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        # The model's words, so that an empty field is told once, the same way.
        error_messages={"required": _("Enter the actual value of the indicator.")},
    )
    not_assessed = forms.BooleanField(
        label=_("This point cannot be assessed (評価不能)"),
        required=False,
        help_text=_(
            "Only when the actual value cannot be measured. Leave the actual "
            "value empty and give the reason in the factor analysis."
        ),
    )
    self_level = forms.ChoiceField(
        label=_("self-assessed level"),
        choices=Level.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the level the section reached.")},
    )
    analysis = forms.CharField(
        label=_("factor analysis (要因分析)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the result came out as it did. Required for levels C and D; "
            "for 評価不能, the reason the point cannot be assessed."
        ),
    )
    hours_basis = forms.ChoiceField(
        label=_("how the hours saved were worked out"),
        choices=HoursBasis.choices,
        required=False,
        initial=HoursBasis.DIRECT,
        widget=forms.RadioSelect(attrs={"data-basis-choice": ""}),
        help_text=_(
            "Give the figures the hours come from, so that anyone can check "
            "them. The portal works the hours out (one decimal)."
        ),
    )
    annual_cases = NumberField(
        label=_("cases per year"),
        required=False,
        max_digits=10,
        decimal_places=0,
        min_value=0,
        help_text=_("For example 1,200 applications a year."),
    )
    minutes_per_case = NumberField(
        label=_("minutes saved per case"),
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=0,
        help_text=_("For example 3 (minutes)."),
    )
    hours_before = NumberField(
        label=_("hours per year before"),
        required=False,
        max_digits=10,
        decimal_places=1,
        min_value=0,
    )
    hours_after = NumberField(
        label=_("hours per year after"),
        required=False,
        max_digits=10,
        decimal_places=1,
        min_value=0,
    )
    hours_saved = NumberField(
        label=_("staff hours saved per year"),
        required=False,
        max_digits=10,
        decimal_places=1,
        min_value=0,
        help_text=_("0 or more. Hours of staff work the change saves in a year."),
    )
    direction = forms.ChoiceField(
        label=_("direction for next year (今後の方向性)"),
        choices=[("", _("Not entered")), *Direction.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    revision = RevisionField()

    class Meta:
        model = AchievementReport
        fields = list(SERVICE_FIELDS)
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
            # Required, unless the DXer marks the point 評価不能.
            self.fields["actual"].required = not self._given("not_assessed")
            self.fields["actual"].label = _("actual value (%(unit)s)") % {
                "unit": point.indicator_unit
            }
            self.fields["actual"].widget.attrs.update(
                {"class": "input--narrow", "data-rate-actual": ""}
            )
            self.fields["not_assessed"].initial = self.instance.is_not_assessed
        else:
            del self.fields["actual"]
            del self.fields["not_assessed"]
            self.fields["self_level"].required = True
        self.fields["effect"].required = True
        # The hours typed directly are required with that basis (the default).
        basis = (
            self.data.get("hours_basis") if self.is_bound else self.instance.hours_basis
        )
        self.fields["hours_saved"].required = basis in (None, "", HoursBasis.DIRECT)
        for name in (*ALL_BASIS_INPUTS, "hours_saved"):
            self.fields[name].widget.attrs.update(
                {"class": "input--narrow", "data-basis-input": name}
            )
        if not self.is_bound:
            self.fields["revision"].initial = (
                self.instance.revision if self.instance.pk else None
            )

    def _given(self, name: str) -> bool:
        """Whether the submitted form ticks the checkbox ``name``."""
        if not self.is_bound:
            return False
        return self.fields[name].widget.value_from_datadict(
            self.data, self.files, self.add_prefix(name)
        )

    def clean(self):
        cleaned = super().clean()
        if "not_assessed" in self.fields:
            # A numeric point: its level follows the actual value, or 評価不能.
            not_assessed = cleaned.get("not_assessed")
            cleaned["self_level"] = NOT_ASSESSED if not_assessed else ""
            if not_assessed:
                cleaned["actual"] = None
        basis = cleaned.get("hours_basis") or HoursBasis.DIRECT
        cleaned["hours_basis"] = basis
        # Inputs of another basis (visible without JavaScript) are not kept.
        for name in ALL_BASIS_INPUTS:
            if name not in BASIS_INPUTS[basis]:
                cleaned[name] = None
        if cleaned.get("annual_cases") is not None:
            cleaned["annual_cases"] = int(cleaned["annual_cases"])
        if basis != HoursBasis.DIRECT:
            # Worked out from the basis when the report is saved.
            cleaned["hours_saved"] = Decimal(0)
        return cleaned

    def actual_and_hours(self):
        """The actual value and hours saved to show: as just typed, else as saved."""
        if self.is_bound:
            actual = getattr(self, "cleaned_data", {}).get("actual")
            return actual, self.instance.worked_out_hours() if self.is_valid() else None
        if self.instance.pk is None:
            return None, None
        return self.instance.actual, self.instance.hours_saved

    def fields_for_service(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in SERVICE_FIELDS
            if name in self.cleaned_data
        }

    def basis_groups(self) -> list[dict]:
        """The inputs of each basis, for the template to show them together."""
        return [
            {
                "basis": basis,
                "fields": [self[name] for name in BASIS_INPUTS[basis]]
                or [self["hours_saved"]],
            }
            for basis in HoursBasis
        ]
