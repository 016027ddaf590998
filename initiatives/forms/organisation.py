"""Departments, sections, people, roles and the April rotation (the DX office)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.dates import DateField
from iruma_dx.lib.fiscal import FiscalYearField
from iruma_dx.lib.widgets import LongSelect

from ..models import (
    Assignment,
    Department,
    Role,
    Section,
    User,
)
from ..models.organisation import RotationChange, holders_in, repeated_dxers
from .common import DATE_WIDGET, YEAR_HELP, NamedEmptyChoices


class DepartmentForm(forms.ModelForm):
    active_from = FiscalYearField(
        label=_("exists from fiscal year"), required=False, help_text=YEAR_HELP
    )

    class Meta:
        model = Department
        fields = ["name", "code", "display_order", "active_from"]


class SectionForm(NamedEmptyChoices, forms.ModelForm):
    active_from = FiscalYearField(
        label=_("exists from fiscal year"), required=False, help_text=YEAR_HELP
    )

    class Meta:
        model = Section
        fields = [
            "department",
            "name",
            "code",
            "display_order",
            "is_dx_office",
            "active_from",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            retired_from__isnull=True
        )


class RenameSectionForm(forms.Form):
    name = forms.CharField(label=_("new name"), max_length=100)
    from_year = FiscalYearField(label=_("from fiscal year"), help_text=YEAR_HELP)


class RetireForm(forms.Form):
    from_year = FiscalYearField(
        label=_("retired from fiscal year"),
        help_text=_("The first fiscal year in which it no longer exists."),
    )


class PersonCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "last_name", "first_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name"):
            self.fields[name].required = True


class PersonForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name", "email", "is_active"]


class AssignmentForm(NamedEmptyChoices, forms.ModelForm):
    start_year = FiscalYearField(label=_("from fiscal year"), help_text=YEAR_HELP)
    end_year = FiscalYearField(
        label=_("to fiscal year"),
        required=False,
        help_text=_("The last fiscal year of the role; empty while it goes on."),
    )
    appointed_on = DateField(
        label=_("appointed on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Empty: 1 April of the first fiscal year."),
    )
    ended_on = DateField(
        label=_("ended on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Empty: 31 March of the last fiscal year."),
    )

    class Meta:
        model = Assignment
        fields = [
            "role",
            "section",
            "department",
            "start_year",
            "end_year",
            "appointed_on",
            "ended_on",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["section"].queryset = Section.objects.filter(
            retired_from__isnull=True
        ).select_related("department")
        self.fields["department"].queryset = Department.objects.filter(
            retired_from__isnull=True
        )
        self.fields["section"].help_text = _("For a DXer.")
        self.fields["department"].help_text = _("For a department head.")


class EndAssignmentForm(forms.Form):
    last_year = FiscalYearField(
        label=_("last fiscal year of the role"), help_text=YEAR_HELP
    )


class RotationForm(forms.Form):
    """The April rotation: every section's DXer and every department's head."""

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        dxers, heads = holders_in(year)
        # One list of people for every unit's select: read once, not per unit.
        people = {
            str(person.pk): person for person in User.objects.filter(is_active=True)
        }
        choices = [
            ("", _("(nobody)")),
            *((pk, str(person)) for pk, person in people.items()),
        ]

        def person_field(label: str, holder) -> forms.TypedChoiceField:
            return forms.TypedChoiceField(
                choices=choices,
                coerce=people.__getitem__,
                empty_value=None,
                required=False,
                label=label,
                initial=holder.user_id if holder else None,
                widget=LongSelect,
            )

        self.rows: list[tuple[str, Section | Department, str]] = []
        for department in Department.objects.active_in(year):
            name = f"head_{department.pk}"
            self.fields[name] = person_field(
                _("Head of %(unit)s") % {"unit": department.name},
                heads.get(department.pk),
            )
            self.rows.append((name, department, Role.HEAD))
        for section in Section.objects.active_in(year).select_related("department"):
            name = f"dxer_{section.pk}"
            self.fields[name] = person_field(
                _("DXer of %(unit)s") % {"unit": f"{section.department} {section}"},
                dxers.get(section.pk),
            )
            self.rows.append((name, section, Role.DXER))
        self.holders = {Role.DXER: dxers, Role.HEAD: heads}

    @property
    def bound_rows(self):
        """Yield (bound field, unit, role) in the order of the organisation."""
        for name, unit, role in self.rows:
            yield self[name], unit, role

    def changes(self) -> list[RotationChange]:
        """Return every unit whose holder the form changes (call after is_valid)."""
        result = []
        for name, unit, role in self.rows:
            current = self.holders[role].get(unit.pk)
            before = current.user if current else None
            after = self.cleaned_data.get(name)
            if before != after:
                result.append(
                    RotationChange(unit=unit, role=role, before=before, after=after)
                )
        return result

    def clean(self):
        cleaned = super().clean()
        choices = (
            (name, unit, cleaned.get(name))
            for name, unit, role in self.rows
            if role == Role.DXER
        )
        for repeated in repeated_dxers(choices):
            self.add_error(
                repeated.key,
                _("%(person)s is already chosen as DXer of %(unit)s.")
                % {"person": repeated.person, "unit": repeated.first_unit},
            )
        return cleaned
