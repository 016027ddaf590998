"""DX points as the DXer writes them, comments, and carrying points forward."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.numbers import NumberField

from ..models import (
    DesignArticle,
    DxPoint,
    FiscalYear,
    FocusArea,
    Plan,
    Principle,
    Section,
    Stage,
    Technology,
    TechnologyStatus,
)
from ..models.measures import technology_tag_errors
from ..services import POINT_M2M
from .common import NamedEmptyChoices, OneMessagePerProblem, RevisionField


class PrincipleChoiceField(forms.ModelMultipleChoiceField):
    """The five principles with their titles, so the DXer chooses knowingly."""

    def label_from_instance(self, principle):
        return f"{principle.label} {principle.title}"


def plans_by_department(plans, department_id: int) -> list:
    """Plan choices grouped by department (optgroups), ``department_id``'s first."""
    groups: dict[int, tuple[str, list]] = {}
    for plan in plans:
        group = groups.setdefault(plan.department_id, (plan.department.name, []))
        group[1].append((plan.pk, plan.title))
    ordered = sorted(groups.items(), key=lambda item: item[0] != department_id)
    return [(label, choices) for _department, (label, choices) in ordered]


class PointForm(NamedEmptyChoices, OneMessagePerProblem, forms.ModelForm):
    """A DX point as the DXer writes it. ``revision`` guards against a lost update."""

    # The model's checks, and the fields each one reads.
    checked_together = {
        "business": ("plan", "business"),
        "indicator_name": ("indicator_name", "indicator_unit", "baseline", "target"),
        "target": ("baseline", "target"),
    }

    principles = PrincipleChoiceField(
        Principle.objects.all(),
        label=_("DX principles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more. The text of each is on the DX Vision page."),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        FocusArea.objects.none(),
        label=_("focus areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    technologies = forms.ModelMultipleChoiceField(
        Technology.objects.all(),
        label=_("technologies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: the technologies the point uses."),
    )
    technology_status = forms.ChoiceField(
        label=_("introduction status"),
        required=False,
        choices=[("", _("(none)")), *TechnologyStatus.choices],
        widget=forms.RadioSelect,
        help_text=_(
            "How far these technologies are introduced, as the national survey "
            "asks. Needed when technologies are chosen."
        ),
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
    revision = RevisionField()

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
            "technologies",
            "technology_status",
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
        # The focus areas of the edition of the national plan the year uses.
        areas = self.fields["focus_areas"]
        areas.queryset = FocusArea.objects.of_edition(fiscal_year.focus_area_edition_id)
        areas.help_text = _("From %(edition)s, which %(year)s uses.") % {
            "edition": fiscal_year.focus_area_edition.title,
            "year": fiscal_year.label,
        }
        self.fields["plan"].queryset = (
            Plan.objects.covering(fiscal_year.year)
            .select_related("department")
            .order_by("department__display_order", "title")
        )
        # The section's own department's plans first, each department's
        # under its name; the queryset still decides what is valid.
        plan = self.fields["plan"]
        plan.choices = [
            ("", plan.empty_label),
            *plans_by_department(plan.queryset, section.department_id),
        ]
        self.fields["plan"].help_text = _(
            "The plan this point adds a DX view to. If no plan covers the work, "
            "name the 事務事業 below instead."
        )
        if not self.is_bound:
            self.fields["revision"].initial = self.instance.revision
        for name in ("indicator_unit", "baseline", "target"):
            self.fields[name].widget.attrs["class"] = "input--narrow"

    def clean(self):
        cleaned = super().clean()
        if "technologies" in cleaned and "technology_status" in cleaned:
            errors = technology_tag_errors(
                has_technologies=bool(cleaned["technologies"]),
                status=cleaned["technology_status"],
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return cleaned

    def split(self) -> tuple[dict, dict]:
        """Return (plain fields, many-to-many fields) for the services."""
        data = self.cleaned_data
        m2m = {name: list(data[name]) for name in POINT_M2M}
        fields = {
            name: data[name] for name in self.Meta.fields if name not in POINT_M2M
        }
        return fields, m2m


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
