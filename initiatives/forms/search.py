"""Searching the approved points of every section and year."""

from __future__ import annotations

from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..models import (
    Department,
    FiscalYear,
    FocusArea,
    Level,
    Principle,
    Stage,
    Technology,
    this_year,
)
from .common import NOT_SPECIFIED, NamedEmptyChoices

ALL_YEARS = "all"


def _year_or_all(value: str) -> int | str:
    return ALL_YEARS if value == ALL_YEARS else int(value)


class PointSearchForm(NamedEmptyChoices, forms.Form):
    """Search approved points across sections and years (横展開)."""

    q = forms.CharField(label=_("keyword"), required=False, max_length=100)
    # This year unless the person asks for another year or for all of them:
    # ten years of a big city's points are not read when one will do.
    year = forms.TypedChoiceField(
        label=_("fiscal year"), coerce=_year_or_all, empty_value=ALL_YEARS
    )
    department = forms.ModelChoiceField(
        Department.objects.all(), label=_("department"), required=False
    )
    principle = forms.ModelChoiceField(
        Principle.objects.all(), label=_("DX principle"), required=False
    )
    focus_area = forms.ModelChoiceField(
        # Every edition's areas; how many share each name comes along.
        FocusArea.objects.select_related("edition").annotate(
            namesakes=Subquery(
                FocusArea.objects.filter(name=OuterRef("name"))
                .values("name")
                .annotate(count=Count("pk"))
                .values("count")
            )
        ),
        label=_("focus area"),
        required=False,
    )
    technology = forms.ModelChoiceField(
        Technology.objects.all(), label=_("technology"), required=False
    )
    stage = forms.ChoiceField(
        label=_("stage"), required=False, choices=[("", NOT_SPECIFIED), *Stage.choices]
    )
    level = forms.ChoiceField(
        label=_("level"), required=False, choices=[("", NOT_SPECIFIED), *Level.choices]
    )

    def __init__(self, data=None, *args, **kwargs):
        data = (data or QueryDict()).copy()
        data.setdefault("year", str(this_year()))
        super().__init__(data, *args, **kwargs)
        self.fields["year"].choices = [(ALL_YEARS, _("All years"))] + [
            (str(year.year), year.label)
            for year in FiscalYear.objects.order_by("-year")
        ]
        self.fields["focus_area"].label_from_instance = _area_label


def _area_label(area: FocusArea) -> str:
    """Every edition's areas are offered: a name in two editions says which."""
    if getattr(area, "namesakes", 1) > 1:
        return f"{area.name}（{area.edition.label}）"
    return area.name
