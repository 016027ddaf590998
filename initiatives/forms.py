"""Forms of the initiatives app. They validate; services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import DateField, FiscalYearField
from iruma_dx.lib.numbers import NumberField

from . import interchange
from .models import (
    PHASE_ORDER,
    AchievementReport,
    Assignment,
    Department,
    DesignArticle,
    DxPoint,
    FiscalYear,
    FocusArea,
    LeadingProject,
    Level,
    Phase,
    Plan,
    Principle,
    Role,
    Roles,
    Section,
    Stage,
    User,
)
from .services import POINT_M2M, RotationChange, holders_in

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEAR_HELP = _("For example 2024 or 令和6年度.")


# Organisation -------------------------------------------------------------


class DepartmentForm(forms.ModelForm):
    active_from = FiscalYearField(
        label=_("exists from fiscal year"), required=False, help_text=YEAR_HELP
    )

    class Meta:
        model = Department
        fields = ["name", "code", "display_order", "active_from"]


class SectionForm(forms.ModelForm):
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


class AssignmentForm(forms.ModelForm):
    start_year = FiscalYearField(label=_("from fiscal year"), help_text=YEAR_HELP)
    end_year = FiscalYearField(
        label=_("to fiscal year"),
        required=False,
        help_text=_("The last fiscal year of the role; empty while it goes on."),
    )

    class Meta:
        model = Assignment
        fields = ["role", "section", "department", "start_year", "end_year"]

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
        people = User.objects.filter(is_active=True)
        self.rows: list[tuple[str, Section | Department, str]] = []
        for department in Department.objects.active_in(year):
            name = f"head_{department.pk}"
            holder = heads.get(department.pk)
            self.fields[name] = forms.ModelChoiceField(
                people,
                required=False,
                label=_("Head of %(unit)s") % {"unit": department.name},
                initial=holder.user_id if holder else None,
                empty_label=_("(nobody)"),
            )
            self.rows.append((name, department, Role.HEAD))
        for section in Section.objects.active_in(year).select_related("department"):
            name = f"dxer_{section.pk}"
            holder = dxers.get(section.pk)
            self.fields[name] = forms.ModelChoiceField(
                people,
                required=False,
                label=_("DXer of %(unit)s")
                % {"unit": f"{section.department} {section}"},
                initial=holder.user_id if holder else None,
                empty_label=_("(nobody)"),
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
        seen: dict[int, str] = {}
        for name, unit, role in self.rows:
            person = cleaned.get(name)
            if person is None or role != Role.DXER:
                continue
            if person.pk in seen:
                self.add_error(
                    name,
                    _("%(person)s is already chosen as DXer of %(unit)s.")
                    % {"person": person, "unit": seen[person.pk]},
                )
            seen[person.pk] = str(unit)
        return cleaned


# Fiscal years -------------------------------------------------------------


class OpenFiscalYearForm(forms.Form):
    year = FiscalYearField(label=_("fiscal year"), help_text=YEAR_HELP)
    target_deadline = DateField(label=_("deadline for DX points"), widget=DATE_WIDGET)
    report_deadline = DateField(
        label=_("deadline for year-end reports"), widget=DATE_WIDGET
    )

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is not None and FiscalYear.objects.filter(year=year).exists():
            self.add_error("year", _("This fiscal year is already open."))
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", _("Enter a fiscal year between 2000 and 2100."))
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

    class Meta:
        model = FiscalYear
        fields = [
            "target_deadline",
            "report_deadline",
            "level_a_threshold",
            "level_b_threshold",
            "level_c_threshold",
            "fte_hours",
        ]

    def clean_fte_hours(self):
        return int(self.cleaned_data["fte_hours"])


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("move to"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the year goes back to an earlier phase."),
    )

    def __init__(self, *args, fiscal_year: FiscalYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fiscal_year = fiscal_year
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

    def clean(self):
        cleaned = super().clean()
        to_phase = cleaned.get("to_phase")
        backward = (
            to_phase in PHASE_ORDER
            and PHASE_ORDER.index(to_phase) < self.fiscal_year.phase_index
        )
        if backward and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", _("Say why the year goes back to an earlier phase.")
            )
        return cleaned


# Plans and leading projects ---------------------------------------------------


class PlanForm(forms.ModelForm):
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


class LeadingProjectForm(forms.ModelForm):
    class Meta:
        model = LeadingProject
        fields = ["title", "description", "lead_department", "departments"]
        widgets = {"departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Department.objects.filter(retired_from__isnull=True)
        self.fields["lead_department"].queryset = active
        self.fields["departments"].queryset = active


# DX points and year-end reports ------------------------------------------------


class PrincipleChoiceField(forms.ModelMultipleChoiceField):
    """The five principles with their titles, so the DXer chooses knowingly."""

    def label_from_instance(self, principle):
        return f"{principle.label} {principle.title}"


class PointForm(forms.ModelForm):
    """A DX point as the DXer writes it. ``revision`` guards against a lost update."""

    principles = PrincipleChoiceField(
        Principle.objects.all(),
        label=_("DX principles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more. The text of each is on the DX Vision page."),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        FocusArea.objects.all(),
        label=_("focus areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    design_articles = forms.ModelMultipleChoiceField(
        DesignArticle.objects.all(),
        label=_("service design articles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.ChoiceField(
        label=_("stage"), choices=Stage.choices, widget=forms.RadioSelect
    )
    baseline = NumberField(
        label=_("baseline"), required=False, max_digits=14, decimal_places=2
    )
    target = NumberField(
        label=_("target"), required=False, max_digits=14, decimal_places=2
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DxPoint
        fields = [
            "title",
            "description",
            "principles",
            "plan",
            "business",
            "stage",
            "focus_areas",
            "design_articles",
            "leading_project",
            "indicator_name",
            "indicator_unit",
            "baseline",
            "target",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "indicator_name": _(
                "Optional. With an indicator, give its unit, baseline and target too."
            ),
        }

    def __init__(self, *args, fiscal_year: FiscalYear, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fiscal_year = fiscal_year
        self.instance.section = section
        self.fields["plan"].queryset = (
            Plan.objects.covering(fiscal_year.year)
            .select_related("department")
            .order_by("department__display_order", "title")
        )
        self.fields["plan"].label_from_instance = lambda plan: (
            f"{plan.department}：{plan}"
        )
        self.fields["plan"].help_text = _(
            "The plan this point adds a DX view to. If no plan covers the work, "
            "name the 事務事業 below instead."
        )
        if not self.is_bound:
            self.fields["revision"].initial = self.instance.revision
        for name in ("indicator_unit", "baseline", "target"):
            self.fields[name].widget.attrs["class"] = "input--narrow"

    def split(self) -> tuple[dict, dict]:
        """Return (plain fields, many-to-many fields) for the services."""
        data = self.cleaned_data
        m2m = {name: list(data[name]) for name in POINT_M2M}
        fields = {
            name: data[name] for name in self.Meta.fields if name not in POINT_M2M
        }
        return fields, m2m


class ReportForm(forms.ModelForm):
    actual = NumberField(
        label=_("actual value"), required=False, max_digits=14, decimal_places=2
    )
    self_level = forms.ChoiceField(
        label=_("self-assessed level"),
        choices=Level.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    hours_saved = NumberField(
        label=_("staff hours saved per year"),
        max_digits=10,
        decimal_places=1,
        min_value=0,
        help_text=_("0 or more. Hours of staff work the change saves in a year."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AchievementReport
        fields = ["actual", "self_level", "effect", "hours_saved", "next_steps"]
        widgets = {
            "effect": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

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


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("comment for the DXer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what to change. The DXer sees it on the point."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}))


class CarryForwardForm(forms.Form):
    points = forms.ModelMultipleChoiceField(
        DxPoint.objects.none(),
        label=_("points to carry forward"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"].queryset = candidates
        self.fields["points"].label_from_instance = lambda point: point.title


class PointSearchForm(forms.Form):
    """Search approved points across sections and years (横展開)."""

    q = forms.CharField(label=_("keyword"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("fiscal year"), required=False, coerce=int)
    department = forms.ModelChoiceField(
        Department.objects.all(), label=_("department"), required=False
    )
    principle = forms.ModelChoiceField(
        Principle.objects.all(), label=_("DX principle"), required=False
    )
    focus_area = forms.ModelChoiceField(
        FocusArea.objects.all(), label=_("focus area"), required=False
    )
    stage = forms.ChoiceField(
        label=_("stage"), required=False, choices=[("", "---------"), *Stage.choices]
    )
    level = forms.ChoiceField(
        label=_("level"), required=False, choices=[("", "---------"), *Level.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "---------")] + [
            (year.year, year.label) for year in FiscalYear.objects.order_by("-year")
        ]


# Excel and CSV interchange ----------------------------------------------------------


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
            (year.year, year.label) for year in FiscalYear.objects.order_by("-year")
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
