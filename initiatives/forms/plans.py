"""Plans (行政計画) and leading projects."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import FiscalYearField

from ..models import (
    Department,
    LeadingProject,
    Plan,
    Roles,
)
from .common import YEAR_HELP, NamedEmptyChoices


class PlanForm(NamedEmptyChoices, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    start_year = FiscalYearField(
        label=_("from fiscal year"), required=False, help_text=YEAR_HELP
    )
    end_year = FiscalYearField(
        label=_("to fiscal year"),
        required=False,
        help_text=_("Leave empty when the plan has no fixed end."),
    )

    class Meta:
        model = Plan
        fields = ["title", "department", "start_year", "end_year", "description", "url"]

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(retired_from__isnull=True)
        if not roles.is_dx_office:
            departments = departments.filter(pk__in=roles.department_ids)
        self.fields["department"].queryset = departments


class LeadingProjectForm(NamedEmptyChoices, forms.ModelForm):
    class Meta:
        model = LeadingProject
        fields = ["title", "description", "lead_department", "departments"]
        widgets = {"departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Department.objects.filter(retired_from__isnull=True)
        self.fields["lead_department"].queryset = active
        self.fields["departments"].queryset = active
