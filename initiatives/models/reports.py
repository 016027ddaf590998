"""The year-end report (年度末の達成報告) of an approved DX point.

It stores the level it earns (``results`` is the rule) and the hours its
basis gives (``measures``); who may write, confirm or return it is
``workflow``'s steps, asked through its point.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import workflow
from .measures import REPORT_MEASURE_CONSTRAINTS, ReportMeasures
from .points import NUMBER, DxPoint
from .results import NOT_ASSESSED, achievement_rate, rounded
from .roles import Roles, roles_of
from .workflow import (
    CONFIRM_REPORT,
    RETURN_REPORT,
    WITHDRAW_REPORT,
    PointState,
    ReportState,
)


class Level(models.TextChoices):
    A = "A", _("A: achieved")
    B = "B", _("B: mostly achieved")
    C = "C", _("C: partly achieved")
    D = "D", _("D: not achieved")
    NOT_ASSESSED = NOT_ASSESSED, _("評価不能: cannot be assessed")


class AchievementReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> AchievementReportQuerySet:
        """Year-end reports ``user`` may read.

        Confirmed reports of approved points are open to every member of
        staff; the others only to the section's DXer, its head and the DX
        office (as ``DxPoint.can_see_conversation`` says of one point).
        """
        roles = roles_of(user)
        if not user.is_authenticated:
            return self.none()
        if roles.is_dx_office:
            return self
        return self.filter(
            Q(state=ReportState.CONFIRMED, point__state=PointState.APPROVED)
            | Q(point__section_id__in=roles.section_ids)
            | Q(point__section__department_id__in=roles.department_ids)
        )

    def for_review_by(self, roles: Roles) -> AchievementReportQuerySet:
        """Reports of the departments ``roles`` heads."""
        return self.filter(point__section__department_id__in=roles.department_ids)

    def to_confirm(self) -> AchievementReportQuerySet:
        """Submitted reports waiting for their head."""
        return self.filter(CONFIRM_REPORT.q(phase="point__fiscal_year__phase"))

    def in_review_list(self, listing: str) -> AchievementReportQuerySet:
        """The reports the head's review page lists (``workflow.ReviewList``)."""
        return self.filter(workflow.reports_in_review_list(listing))

    def refresh_levels(self) -> int:
        """Store again the level each report earns; return how many changed.

        Run after a fiscal year's thresholds change.
        """
        changed = []
        for report in self.select_related("point__fiscal_year"):
            level = report.earned_level()
            if level != report.level:
                report.level = level
                changed.append(report)
        self.model.objects.bulk_update(changed, ["level"], batch_size=500)
        return len(changed)


class AchievementReport(ReportMeasures):
    """What an approved point achieved by the end of its fiscal year.

    The analysis, the direction and the basis of the hours saved are the
    fields of ``ReportMeasures``.
    """

    point = models.OneToOneField(
        DxPoint,
        on_delete=models.CASCADE,
        related_name="report",
        verbose_name=_("DX point"),
    )
    actual = models.DecimalField(_("actual value"), null=True, blank=True, **NUMBER)
    self_level = models.CharField(
        _("self-assessed level"),
        max_length=2,
        choices=Level.choices,
        blank=True,
        help_text=_("For a point without a numeric indicator; 評価不能 for any point."),
    )
    level = models.CharField(
        _("level"),
        max_length=2,
        choices=Level.choices,
        blank=True,
        editable=False,
        help_text=_("The level the report earns (from the rate, or as chosen)."),
    )
    effect = models.TextField(_("effect"))
    hours_saved = models.DecimalField(
        _("staff hours saved per year"),
        max_digits=10,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    next_steps = models.TextField(_("issues for next year"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("submitted late"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The level is worked out from the fields the history records.
    history = HistoricalRecords(excluded_fields=["updated_at", "level"])
    objects = AchievementReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("year-end report")
        verbose_name_plural = _("year-end reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_saved__gte=0), name="report_hours_saved_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(self_level="") | Q(self_level__in=Level.values),
                name="report_self_level_is_a_level",
            ),
            models.CheckConstraint(
                condition=Q(level="") | Q(level__in=Level.values),
                name="report_level_is_a_level",
            ),
            *REPORT_MEASURE_CONSTRAINTS,
        ]

    def __str__(self) -> str:
        return str(_("Report: %(point)s") % {"point": self.point})

    def save(self, *args, **kwargs) -> None:
        # The stored level and hours always follow the values they are
        # worked out from.
        self.level = self.earned_level()
        self.apply_basis()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            missing = [n for n in ("level", "hours_saved") if n not in update_fields]
            kwargs["update_fields"] = [*update_fields, *missing]
        super().save(*args, **kwargs)

    @property
    def is_not_assessed(self) -> bool:
        return self.self_level == NOT_ASSESSED

    @property
    def rate(self) -> Fraction | None:
        """The exact achievement rate of a numeric point (None without one).

        A point marked 評価不能 has no rate.
        """
        if self.is_not_assessed:
            return None
        point = self.point
        return achievement_rate(self.actual, point.baseline, point.target)

    @property
    def rounded_rate(self) -> Decimal | None:
        """The rate as pages show it: one decimal, rounded half up."""
        return rounded(self.rate)

    def earned_level(self) -> str:
        """A–D: from the rate by the year's thresholds, else as the section chose.

        評価不能 (``na``), when the section chose it, for any point. ``level``
        stores this whenever the report is saved or the year's thresholds
        change; nothing else decides a level.
        """
        if self.is_not_assessed:
            return NOT_ASSESSED
        rate = self.rate
        if rate is not None:
            return self.point.fiscal_year.level_for_rate(rate)
        return self.self_level

    def clean(self) -> None:
        point = self.point
        errors: dict = {}
        if point.has_indicator and self.actual is None and not self.is_not_assessed:
            errors["actual"] = _("Enter the actual value of the indicator.")
        if self.is_not_assessed and self.actual is not None:
            errors["actual"] = _(
                "A point that cannot be assessed (評価不能) has no actual value: "
                "leave it empty."
            )
        if not point.has_indicator and not self.self_level:
            errors["self_level"] = _("Choose the level the section reached.")
        if not (self.effect or "").strip():
            errors["effect"] = _("Describe the effect in words.")
        errors.update(self.measure_errors(self.earned_level()))
        if errors:
            raise ValidationError(errors)

    def can_edit(self, roles: Roles) -> bool:
        """The DXer changes (and submits) the report: the point's rule."""
        return self.point.can_write_report(roles)

    can_submit = can_edit

    def can_confirm(self, roles: Roles) -> bool:
        return self.point.is_reviewed_by(roles) and CONFIRM_REPORT.allows(
            self.state, self.point.fiscal_year.phase
        )

    def can_return(self, roles: Roles) -> bool:
        return self.point.is_reviewed_by(roles) and RETURN_REPORT.allows(
            self.state, self.point.fiscal_year.phase
        )

    def is_visible_to(self, roles: Roles) -> bool:
        """Confirmed reports for all staff; the others within the conversation."""
        if self.point.can_see_conversation(roles):
            return True
        return (
            self.state == ReportState.CONFIRMED
            and self.point.state == PointState.APPROVED
        )

    def why_not_withdraw(self, roles: Roles) -> str | None:
        """Why ``roles`` may not take this submitted report back (None: they may)."""
        point = self.point
        if not point.is_own(roles):
            return _("Only the DXer of %(unit)s can withdraw this year-end report.") % {
                "unit": point.unit_name
            }
        if WITHDRAW_REPORT.allows(self.state, point.fiscal_year.phase):
            return None
        if self.state in (ReportState.CONFIRMED, ReportState.RETURNED):
            return _(
                "The department head has already acted on the year-end report "
                "of DX point %(id)s (%(state)s): it can no longer be withdrawn."
            ) % {"state": self.get_state_display(), "id": point.pk}
        if self.state == ReportState.DRAFT:
            return _("The year-end report of DX point %(id)s is not submitted.") % {
                "id": point.pk
            }
        return _(
            "%(year)s is in the “%(phase)s” phase: submissions cannot be withdrawn now."
        ) % {
            "year": point.fiscal_year.label,
            "phase": point.fiscal_year.get_phase_display(),
        }

    def can_withdraw(self, roles: Roles) -> bool:
        return self.why_not_withdraw(roles) is None
