"""The department head's return of a point or a report."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.widgets import LongSelect

from ..models import FiscalYear, ReviewList, Roles, Section
from .common import NOT_SPECIFIED, NamedEmptyChoices, id_filter


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("comment for the DXer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what to change. The DXer sees it on the point."),
    )


class IdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by id; anything but a plain id of the queryset is refused.

    The database would refuse ``99999999999999999999`` with an overflow
    rather than a "no such row": such values are refused before any query.
    """

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and int(text) < 2**63):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ReviewSelectionForm(forms.Form):
    """The points (or reports) a head ticked on the review page.

    ``items`` are the rows the head may act on; an id that is not one of
    them (another department's, a typo, ``abc``) makes the form invalid, so
    nothing is approved by half.
    """

    def __init__(self, *args, field: str, items, empty_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field
        self.fields[field] = IdsField(
            items,
            error_messages={
                "required": empty_message,
                "invalid_choice": _(
                    "ID %(value)s is not yours to review. Nothing was done."
                ),
                "invalid_pk_value": _("“%(pk)s” is not an ID. Nothing was done."),
            },
        )

    @property
    def chosen(self):
        return self.cleaned_data[self.field_name]

    def error_text(self) -> str:
        return " ".join(self.errors[self.field_name])


# How the review page sorts: the choice, its label and the order of the
# points (a report sorts by its point's fields).
SORTS = {
    "year": (
        _("Fiscal year, then section"),
        (
            "-fiscal_year_id",
            "section__department__display_order",
            "section__display_order",
            "section__code",
            "pk",
        ),
    ),
    "oldest": (
        _("Submitted, oldest first"),
        (F("submitted_at").asc(nulls_last=True), "pk"),
    ),
    "newest": (
        _("Submitted, newest first"),
        (F("submitted_at").desc(nulls_last=True), "-pk"),
    ),
    "section": (
        _("Section, then fiscal year"),
        (
            "section__department__display_order",
            "section__display_order",
            "section__code",
            "-fiscal_year_id",
            "pk",
        ),
    ),
    "title": (_("By title"), ("title", "pk")),
}
DEFAULT_SORT = "year"


def _of_report(field):
    """The same ordering for reports: their point's field, or their own date."""
    if isinstance(field, str):
        descending = field.startswith("-")
        name = field.lstrip("-")
        if name == "pk":
            return field
        return f"{'-' if descending else ''}point__{name}"
    return field  # submitted_at: the report's own submission


class ReviewFilterForm(NamedEmptyChoices, forms.Form):
    """The review page's filters and order, read from the address (GET).

    Anything the form does not know (a section of another department, a
    year that does not exist, a made-up order) is refused field by field:
    the page then says so and shows the default for that field.
    """

    show = forms.ChoiceField(
        label=_("show"),
        choices=ReviewList.choices,
        required=False,
        initial=ReviewList.WAITING,
        widget=LongSelect,
    )
    section = id_filter(_("section"))
    year = id_filter(_("fiscal year"))
    sort = forms.ChoiceField(
        label=_("order"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        required=False,
        initial=DEFAULT_SORT,
        widget=LongSelect,
    )

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain choices: the head's sections, "部 課", as (id, name) pairs.
        self.fields["section"].choices = [("", NOT_SPECIFIED)] + [
            (pk, f"{department} {name}")
            for pk, department, name in Section.objects.reviewable_by(roles)
            .order_by("department__display_order", "display_order", "code")
            .values_list("pk", "department__name", "name")
        ]
        # Every year, newest first; the page's status bar picks among them too.
        self.fiscal_years = list(FiscalYear.objects.newest_first())
        self.fields["year"].choices = [("", NOT_SPECIFIED)] + [
            (year.year, year.label) for year in self.fiscal_years
        ]

    def chosen(self) -> dict:
        """The filters to apply: what was valid, the defaults for the rest."""
        data = getattr(self, "cleaned_data", {})
        return {
            "show": data.get("show") or ReviewList.WAITING,
            "section": data.get("section"),
            "year": data.get("year"),
            "sort": data.get("sort") or DEFAULT_SORT,
        }

    def error_text(self) -> str:
        """One sentence per refused filter, naming it."""
        return " ".join(
            f"{self.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.errors.items()
        )


def review_order(sort: str, *, reports: bool = False) -> tuple:
    """The ``order_by`` of a sort choice, for points or for their reports."""
    order = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    return tuple(_of_report(field) for field in order) if reports else order
