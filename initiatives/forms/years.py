"""Fiscal years: opening one, its settings, moving its phase."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from iruma_dx.lib.dates import DateField
from iruma_dx.lib.fiscal import FiscalYearField
from iruma_dx.lib.numbers import NumberField

from ..models import (
    FiscalYear,
    NationalPlanEdition,
    Phase,
)
from ..year_summary import YearSummary
from .common import DATE_WIDGET, YEAR_HELP


class OpenFiscalYearForm(forms.Form):
    year = FiscalYearField(label=_("fiscal year"), help_text=YEAR_HELP)
    target_deadline = DateField(label=_("deadline for DX points"), widget=DATE_WIDGET)
    report_deadline = DateField(
        label=_("deadline for year-end reports"), widget=DATE_WIDGET
    )
    focus_area_edition = forms.ModelChoiceField(
        NationalPlanEdition.objects.order_by("-published_on"),
        label=_("edition of the national DX plan"),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_(
            "The year's points are tagged with the focus areas (重点取組事項) of "
            "this edition (the newest if none is chosen). Past years keep theirs."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["focus_area_edition"]
        field.label_from_instance = lambda edition: (
            _("%(title)s (published %(date)s)")
            % {"title": edition.title, "date": date_format(edition.published_on)}
        )
        newest = NationalPlanEdition.objects.newest()
        if newest is not None and "focus_area_edition" not in self.initial:
            field.initial = newest.pk

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is not None and FiscalYear.objects.filter(year=year).exists():
            self.add_error("year", _("This fiscal year is already open."))
        target, report = cleaned.get("target_deadline"), cleaned.get("report_deadline")
        if target and report and report < target:
            self.add_error(
                "report_deadline", _("Reports cannot be due before the DX points.")
            )
        return cleaned


class FiscalYearSettingsForm(forms.ModelForm):
    target_deadline = DateField(label=_("deadline for DX points"), widget=DATE_WIDGET)
    report_deadline = DateField(
        label=_("deadline for year-end reports"), widget=DATE_WIDGET
    )
    level_a_threshold = NumberField(
        label=_("level A from (%)"), max_digits=6, decimal_places=1, min_value=0
    )
    level_b_threshold = NumberField(
        label=_("level B from (%)"), max_digits=6, decimal_places=1, min_value=0
    )
    level_c_threshold = NumberField(
        label=_("level C from (%)"), max_digits=6, decimal_places=1, min_value=0
    )
    fte_hours = NumberField(
        label=_("hours in one full-time year"),
        max_digits=5,
        decimal_places=0,
        min_value=1,
        help_text=_("Hours saved are also shown as full-time staff (FTE)."),
    )
    hourly_cost = NumberField(
        label=_("personnel cost per hour (yen)"),
        required=False,
        max_digits=7,
        decimal_places=0,
        min_value=1,
        help_text=_(
            "Hours saved are also shown as their value in yen: hours × this "
            "cost, rounded to the yen. For example 4,500; empty keeps it."
        ),
    )

    class Meta:
        model = FiscalYear
        fields = [
            "target_deadline",
            "report_deadline",
            "level_a_threshold",
            "level_b_threshold",
            "level_c_threshold",
            "fte_hours",
            "hourly_cost",
        ]

    def clean_fte_hours(self):
        return int(self.cleaned_data["fte_hours"])

    def clean_hourly_cost(self):
        cost = self.cleaned_data["hourly_cost"]
        # Left empty, the year keeps the cost it has.
        return self.instance.hourly_cost if cost is None else int(cost)


class PhaseChangeForm(forms.Form):
    """Move a year's phase; with open items, a confirmation that names their count."""

    to_phase = forms.ChoiceField(label=_("move to"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the year goes back to an earlier phase."),
    )
    # The count of open items the page showed: confirming it confirms them.
    open_items = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0
    )
    confirm_open = forms.BooleanField(required=False)

    def __init__(self, *args, summary: YearSummary, **kwargs):
        super().__init__(*args, **kwargs)
        self.summary = summary
        self.fiscal_year = fiscal_year = summary.fiscal_year
        open_count = summary.open_count()
        choices = []
        if fiscal_year.next_phase:
            phase = Phase(fiscal_year.next_phase)
            choices.append(
                (phase.value, _("Forward to: %(phase)s") % {"phase": phase.label})
            )
        for value in reversed(fiscal_year.earlier_phases):
            phase = Phase(value)
            choices.append(
                (phase.value, _("Back to: %(phase)s") % {"phase": phase.label})
            )
        self.fields["to_phase"].choices = choices
        if fiscal_year.next_phase:
            self.fields["to_phase"].initial = fiscal_year.next_phase
        self.fields["open_items"].initial = open_count
        if open_count:
            self.fields["confirm_open"].label = ngettext(
                "%(count)s item is still open. I have read what the move does to "
                "it, and move the year anyway.",
                "%(count)s items are still open. I have read what the move does to "
                "them, and move the year anyway.",
                open_count,
            ) % {"count": open_count}
        else:
            del self.fields["confirm_open"]

    def confirmed_count(self) -> int | None:
        """The count of open items ticked as read; None when not ticked."""
        if not self.cleaned_data.get("confirm_open"):
            return None
        return self.cleaned_data.get("open_items")

    def clean(self):
        cleaned = super().clean()
        if "to_phase" in cleaned:
            try:
                self.fiscal_year.check_move(
                    cleaned["to_phase"], reason=cleaned.get("reason", "")
                )
            except ValidationError as error:
                self.add_error(None, error)
        try:
            self.summary.check_confirmed(self.confirmed_count())
        except ValidationError as error:
            self.add_error(
                "confirm_open" if "confirm_open" in self.fields else None, error
            )
            if error.code == "changed":
                self.data = self.data.copy()
                self.data["open_items"] = self.summary.open_count()
                self.data.pop("confirm_open", None)
        return cleaned
