"""Searching the approved points of every section and year."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.widgets import LongSelect

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
from .common import NOT_SPECIFIED, NamedEmptyChoices, id_filter

ALL_YEARS = "all"


def _year_or_all(value: str) -> int | str:
    return ALL_YEARS if value == ALL_YEARS else int(value)


class PointSearchForm(NamedEmptyChoices, forms.Form):
    """Search approved points across sections and years (横展開)."""

    q = forms.CharField(label=_("keyword"), required=False, max_length=100)
    # This year unless the person asks for another year or for all of them:
    # ten years of a big city's points are not read when one will do.
    year = forms.TypedChoiceField(
        label=_("fiscal year"),
        coerce=_year_or_all,
        empty_value=ALL_YEARS,
        widget=LongSelect,
    )
    # Plain choices, read as (id, name) pairs: a select of a hundred
    # departments need not build a hundred model instances on every search.
    department = id_filter(_("department"))
    principle = id_filter(_("DX principle"))
    focus_area = id_filter(_("focus area"))
    technology = id_filter(_("technology"))
    stage = forms.ChoiceField(
        label=_("stage"),
        required=False,
        choices=[("", NOT_SPECIFIED), *Stage.choices],
        widget=LongSelect,
    )
    level = forms.ChoiceField(
        label=_("level"),
        required=False,
        choices=[("", NOT_SPECIFIED), *Level.choices],
        widget=LongSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        # Every year, for the choices; "this year" is picked among them.
        # (The page's status bar picks among them too.)
        self.fiscal_years = years = list(FiscalYear.objects.newest_first())
        data = (data or QueryDict()).copy()
        data.setdefault("year", str(this_year(years)))
        super().__init__(data, *args, **kwargs)
        self.fields["year"].choices = [(ALL_YEARS, _("All years"))] + [
            (str(year.year), year.label) for year in years
        ]
        for name, choices in (
            ("department", Department.objects.values_list("pk", "name")),
            ("principle", [(p.pk, str(p)) for p in Principle.objects.all()]),
            ("focus_area", _area_choices()),
            ("technology", Technology.objects.values_list("pk", "name")),
        ):
            self.fields[name].choices = [("", NOT_SPECIFIED), *choices]


def _area_choices() -> list[tuple[int, str]]:
    """Every edition's areas are offered: a name in two editions says which."""
    areas = list(FocusArea.objects.select_related("edition"))
    namesakes = Counter(area.name for area in areas)
    return [
        (
            area.pk,
            f"{area.name}（{area.edition.label}）"
            if namesakes[area.name] > 1
            else area.name,
        )
        for area in areas
    ]
