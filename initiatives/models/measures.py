"""What a year-end report records beside its level (DESIGN.md "Rules for the numbers").

- 要因分析 (``analysis``): why the result came out so; required for C, D and
  評価不能 (where it is the reason the point cannot be assessed);
- 今後の方向性 (``direction``): what becomes of the work next year;
- the basis of the hours saved: annual cases × minutes per case, hours
  before and after, or hours typed directly (all data from before the basis
  existed). The hours a basis gives are worked out by ``results.basis_hours``
  and stored in ``hours_saved`` when the report is saved.

``ReportMeasures`` holds these fields and their rules; ``AchievementReport``
inherits them. A point's technologies and their introduction status
(``TechnologyStatus``) are named here too, beside the other choices the
national survey asks for.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .results import NOT_ASSESSED, basis_hours


class Direction(models.TextChoices):
    """今後の方向性: what becomes of a point's work in the next fiscal year."""

    EXPAND = "expand", pgettext_lazy("direction", "Expand")
    CONTINUE = "continue", pgettext_lazy("direction", "Continue")
    IMPROVE = "improve", pgettext_lazy("direction", "Improve")
    COMPLETE = "complete", pgettext_lazy("direction", "Complete")
    MERGE = "merge", pgettext_lazy("direction", "Merge")
    ABOLISH = "abolish", pgettext_lazy("direction", "Abolish")


# The work goes on: carry-forward offers these points first.
GOING_ON = (Direction.EXPAND, Direction.CONTINUE, Direction.IMPROVE)


class HoursBasis(models.TextChoices):
    """How the staff hours saved per year were worked out."""

    CASES = "cases", _("Cases per year × minutes saved per case")
    BEFORE_AFTER = "before_after", _("Hours per year before and after")
    DIRECT = "direct", _("Hours typed directly")


class TechnologyStatus(models.TextChoices):
    """導入状況: how far a point's technologies are introduced (the survey's words)."""

    INTRODUCED = "introduced", pgettext_lazy("technology", "Introduced")
    TRIAL = "trial", pgettext_lazy("technology", "On trial")
    PLANNED = "planned", pgettext_lazy("technology", "Planned")
    CONSIDERING = "considering", pgettext_lazy("technology", "Under consideration")
    DROPPED = "dropped", pgettext_lazy("technology", "Considered, not introduced")
    NONE = "none", pgettext_lazy("technology", "No plans")


def technology_tag_errors(*, has_technologies: bool, status: str) -> dict[str, str]:
    """A point names its technologies with one introduction status: both or neither.

    The point form and the import ask this (the tags are many-to-many, which
    the model's own checks cannot see before they are saved).
    """
    if has_technologies and not status:
        return {
            "technology_status": _("Choose how far the technologies are introduced.")
        }
    if status and not has_technologies:
        return {
            "technologies": _(
                "Choose the technologies the introduction status is about."
            )
        }
    return {}


# The inputs each basis of the hours takes; the others stay empty.
BASIS_INPUTS = {
    HoursBasis.CASES: ("annual_cases", "minutes_per_case"),
    HoursBasis.BEFORE_AFTER: ("hours_before", "hours_after"),
    HoursBasis.DIRECT: (),
}
ALL_BASIS_INPUTS = ("annual_cases", "minutes_per_case", "hours_before", "hours_after")


def explain_basis(
    basis: str, *, hours, cases=None, minutes=None, before=None, after=None
):
    """How the hours saved were worked out, in words, so the figure can be checked.

    For pages and the annual report (which passes the values it froze).
    """

    def show(value, places: str) -> str:
        return floatformat(value, places) if value is not None else "—"

    values = {
        "hours": show(hours, "-1g"),
        "cases": show(cases, "g"),
        "minutes": show(minutes, "-2g"),
        "before": show(before, "-1g"),
        "after": show(after, "-1g"),
    }
    if basis == HoursBasis.CASES:
        text = _("%(cases)s cases a year × %(minutes)s minutes ÷ 60 = %(hours)s hours")
    elif basis == HoursBasis.BEFORE_AFTER:
        text = _("%(before)s hours before − %(after)s hours after = %(hours)s hours")
    else:
        text = _("%(hours)s hours (typed directly)")
    return text % values


def _inputs_of(basis: str) -> Q:
    given = BASIS_INPUTS[basis]
    return Q(hours_basis=basis) & Q(
        **{f"{name}__isnull": name not in given for name in ALL_BASIS_INPUTS}
    )


REPORT_MEASURE_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(direction="") | Q(direction__in=Direction.values),
        name="report_direction_is_a_direction",
    ),
    models.CheckConstraint(
        condition=_inputs_of(HoursBasis.CASES)
        | _inputs_of(HoursBasis.BEFORE_AFTER)
        | _inputs_of(HoursBasis.DIRECT),
        name="report_basis_has_its_inputs",
    ),
    models.CheckConstraint(
        condition=Q(hours_after__isnull=True) | Q(hours_after__lte=F("hours_before")),
        name="report_hours_after_not_above_before",
    ),
    # 評価不能: no rate (so no actual value), and always a reason.
    models.CheckConstraint(
        condition=~Q(self_level=NOT_ASSESSED) | Q(actual__isnull=True),
        name="report_not_assessed_has_no_actual",
    ),
    models.CheckConstraint(
        condition=~Q(self_level=NOT_ASSESSED) | ~Q(analysis=""),
        name="report_not_assessed_gives_a_reason",
    ),
]

NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class ReportMeasures(models.Model):
    """The fields of a year-end report beyond its level, and their rules."""

    analysis = models.TextField(
        _("factor analysis"),
        blank=True,
        help_text=_(
            "Why the result came out as it did. Required for levels C and D, "
            "and for 評価不能 (then: why the point cannot be assessed)."
        ),
    )
    direction = models.CharField(
        _("direction for next year"),
        max_length=20,
        choices=Direction.choices,
        blank=True,
        help_text=_("Empty on reports written before it was asked."),
    )
    hours_basis = models.CharField(
        _("basis of the hours saved"),
        max_length=20,
        choices=HoursBasis.choices,
        default=HoursBasis.DIRECT,
    )
    annual_cases = models.PositiveIntegerField(
        _("cases per year"), null=True, blank=True
    )
    minutes_per_case = models.DecimalField(
        _("minutes saved per case"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    hours_before = models.DecimalField(
        _("hours per year before"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    hours_after = models.DecimalField(
        _("hours per year after"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )

    class Meta:
        abstract = True

    def worked_out_hours(self) -> Decimal | None:
        """The hours saved per year that the basis gives (one decimal, half up).

        The typed hours for the basis ``direct``; None while an input is
        missing. The form, its live preview, the import, the admin and
        ``save()`` all ask this.
        """
        if self.hours_basis == HoursBasis.DIRECT:
            return self.hours_saved
        return basis_hours(
            self.hours_basis,
            cases=self.annual_cases,
            minutes=self.minutes_per_case,
            before=self.hours_before,
            after=self.hours_after,
        )

    def explain_basis(self) -> str:
        """The basis of the hours saved in words: 1,200 cases × 3 minutes ÷ 60 = …"""
        return explain_basis(
            self.hours_basis,
            hours=self.hours_saved,
            cases=self.annual_cases,
            minutes=self.minutes_per_case,
            before=self.hours_before,
            after=self.hours_after,
        )

    @property
    def direction_label(self) -> str:
        """The direction for next year, or 「未入力」 on reports from before it."""
        return self.get_direction_display() if self.direction else _("Not entered")

    def apply_basis(self) -> None:
        """Store the hours the basis gives in ``hours_saved`` (save() calls this)."""
        hours = self.worked_out_hours()
        if hours is not None:
            self.hours_saved = hours

    def measure_errors(self, level: str) -> dict[str, list[ValidationError]]:
        """What is wrong with the analysis and the basis, by field, for ``level``."""
        errors: dict[str, list[ValidationError]] = {}

        def add(name: str, message, code: str) -> None:
            errors.setdefault(name, []).append(ValidationError(message, code=code))

        if not (self.analysis or "").strip():
            if level == NOT_ASSESSED:
                add(
                    "analysis",
                    _("Say why the point cannot be assessed (評価不能)."),
                    "reason_required",
                )
            elif level in ("C", "D"):
                add(
                    "analysis",
                    _("Write the factor analysis: why the level is %(level)s.")
                    % {"level": level},
                    "analysis_required",
                )
        needed = BASIS_INPUTS.get(self.hours_basis, ())
        labels = {name: self._meta.get_field(name).verbose_name for name in needed}
        for name in needed:
            if getattr(self, name) is None:
                add(name, _("Enter %(what)s.") % {"what": labels[name]}, "required")
        for name in ALL_BASIS_INPUTS:
            if name not in needed and getattr(self, name) is not None:
                add(
                    name,
                    _("Leave this empty with the basis “%(basis)s”.")
                    % {"basis": self.get_hours_basis_display()},
                    "not_for_basis",
                )
        before, after = self.hours_before, self.hours_after
        if (
            self.hours_basis == HoursBasis.BEFORE_AFTER
            and before is not None
            and after is not None
            and after > before
        ):
            add(
                "hours_after",
                _("The hours after cannot be more than the hours before."),
                "after_above_before",
            )
        return errors
