"""Fiscal years (年度) and the phases the DX office moves them through."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import fiscal_year_label, fiscal_year_of, validate_fiscal_year

from .reference import NationalPlanEdition
from .results import Thresholds, yen_value


class Phase(models.TextChoices):
    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTING = "reporting", _("Year-end reporting")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")


PHASE_ORDER: list[str] = [phase.value for phase in Phase]


def moves_back(from_phase: str, to_phase: str) -> bool:
    """Is a move from ``from_phase`` to ``to_phase`` a step back?"""
    return bool(from_phase) and PHASE_ORDER.index(to_phase) < PHASE_ORDER.index(
        from_phase
    )


PHASE_DESCRIPTIONS = {
    Phase.PLANNING: _(
        "DXers enter this year's DX points and submit them; department heads "
        "approve or return them."
    ),
    Phase.IN_PROGRESS: _(
        "Approved points are fixed and the work goes on; changes need the "
        "department head."
    ),
    Phase.REPORTING: _(
        "DXers report what each approved point achieved; department heads "
        "confirm the reports."
    ),
    Phase.EVALUATION: _(
        "The DX office analyses the reports and publishes the annual report."
    ),
    Phase.CLOSED: _("The year is read-only."),
}


@dataclass(frozen=True)
class Deadline:
    """What is due next in a fiscal year, and when."""

    what: str
    due: date

    @property
    def days_left(self) -> int:
        return (self.due - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def fiscal_year_today() -> int:
    """Return the fiscal year of today's date in Japan (the calendar's 今年度).

    Roles are held by the calendar: an assignment from fiscal year N holds
    from 1 April of N (``roles_of``). What the pages call "this year" is
    :func:`this_year`, which also asks which years the portal has open.
    """
    return fiscal_year_of(timezone.localdate())


def pick_this_year(years: Iterable[FiscalYear], today: int) -> FiscalYear | None:
    """The rule for "this year", applied to ``years`` (today's fiscal year ``today``).

    The fiscal year of today's date if the portal has it open; else the
    newest year still open (in April, before the DX office opens the new
    year, last year's reports are what everyone works on; in a demo whose
    years lie in the past, its newest open year); else today's fiscal year
    if the portal has it at all (closed); else None. ``years`` must hold
    every open year and today's, as ``FiscalYear.objects.this_year_candidates``
    gives them.
    """
    by_year = {fiscal_year.year: fiscal_year for fiscal_year in years}
    todays = by_year.get(today)
    if todays is not None and not todays.is_closed:
        return todays
    still_open = [year for year in by_year.values() if not year.is_closed]
    if still_open:
        return max(still_open, key=lambda fiscal_year: fiscal_year.year)
    return todays


def this_year(years: Iterable[FiscalYear] | None = None) -> int:
    """ "This year" as a number: :func:`pick_this_year`'s, else today's.

    The organisation pages, the people page, the rotation, the home page,
    the search and the status bar all take "this year" from here (one query;
    none when the caller has already read every year and passes ``years``).
    """
    today = fiscal_year_today()
    if years is None:
        years = FiscalYear.objects.this_year_candidates()
    chosen = pick_this_year(years, today)
    return chosen.year if chosen is not None else today


class FiscalYearQuerySet(models.QuerySet):
    def open(self) -> FiscalYearQuerySet:
        """Years not closed yet: work may still be waiting in them."""
        return self.exclude(phase=Phase.CLOSED)

    def newest_first(self) -> FiscalYearQuerySet:
        """Every year in the order the year choices show them: newest first."""
        return self.order_by("-year")

    def newest(self) -> FiscalYear | None:
        """Return the newest fiscal year the DX office has opened."""
        return self.newest_first().first()

    def this_year_candidates(self, *also: int) -> FiscalYearQuerySet:
        """The years "this year" is chosen from (open, today's) and ``also``."""
        return self.filter(
            Q(year__in=[fiscal_year_today(), *also]) | ~Q(phase=Phase.CLOSED)
        )

    def this_year(self) -> FiscalYear | None:
        """Return "this year" by the rule of :func:`pick_this_year` (one query)."""
        return pick_this_year(self.this_year_candidates(), fiscal_year_today())


class FiscalYear(models.Model):
    """A fiscal year of the Vision's cycle, identified by its starting year."""

    year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        primary_key=True,
        validators=[validate_fiscal_year],
        help_text=_("The calendar year it starts in: 2024 is 令和6年度."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PLANNING
    )
    target_deadline = models.DateField(_("deadline for DX points"))
    report_deadline = models.DateField(_("deadline for year-end reports"))
    level_a_threshold = models.DecimalField(
        _("level A from (%)"), max_digits=6, decimal_places=1, default=Decimal(100)
    )
    level_b_threshold = models.DecimalField(
        _("level B from (%)"), max_digits=6, decimal_places=1, default=Decimal(80)
    )
    level_c_threshold = models.DecimalField(
        _("level C from (%)"), max_digits=6, decimal_places=1, default=Decimal(50)
    )
    fte_hours = models.PositiveIntegerField(
        _("hours in one full-time year"),
        default=1860,
        validators=[MinValueValidator(1)],
        help_text=_("Hours saved are also shown as full-time staff (FTE)."),
    )
    hourly_cost = models.PositiveIntegerField(
        _("personnel cost per hour (yen)"),
        default=4500,
        validators=[MinValueValidator(1)],
        help_text=_("Hours saved are also shown as their value in yen."),
    )
    focus_area_edition = models.ForeignKey(
        NationalPlanEdition,
        on_delete=models.PROTECT,
        related_name="fiscal_years",
        verbose_name=_("edition of the national DX plan"),
        help_text=_("The year's points are tagged with the focus areas of it."),
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    objects = FiscalYearQuerySet.as_manager()

    class Meta:
        # Oldest first, so that ordering points "by fiscal year" means what it says.
        ordering = ["year"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        constraints = [
            models.CheckConstraint(
                condition=Q(level_a_threshold__gte=F("level_b_threshold"))
                & Q(level_b_threshold__gte=F("level_c_threshold"))
                & Q(level_c_threshold__gte=0),
                name="fiscal_year_thresholds_descend",
            ),
            models.CheckConstraint(
                condition=Q(report_deadline__gte=F("target_deadline")),
                name="fiscal_year_reports_due_after_targets",
            ),
            models.CheckConstraint(
                condition=Q(fte_hours__gte=1), name="fiscal_year_fte_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(hourly_cost__gte=1),
                name="fiscal_year_hourly_cost_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return fiscal_year_label(self.year)

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)

    @property
    def next_phase(self) -> str | None:
        index = self.phase_index
        return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None

    @property
    def earlier_phases(self) -> list[str]:
        return PHASE_ORDER[: self.phase_index]

    def check_move(self, to_phase: str, *, reason: str = "") -> None:
        """Raise ValidationError unless the year may move to ``to_phase`` now.

        Forward one phase at a time; back to any earlier phase, with a
        reason that the phase change records.
        """
        if to_phase not in PHASE_ORDER or to_phase == self.phase:
            raise ValidationError(_("Choose a phase other than the current one."))
        if moves_back(self.phase, to_phase):
            if not reason.strip():
                raise ValidationError(
                    {"reason": _("Say why the year goes back to an earlier phase.")}
                )
        elif to_phase != self.next_phase:
            raise ValidationError(
                _("A year moves forward one phase at a time, to %(phase)s.")
                % {"phase": Phase(self.next_phase).label}
            )

    def phase_description(self) -> str:
        return PHASE_DESCRIPTIONS[self.phase]

    def next_deadline(self) -> Deadline | None:
        """Return what is due next and when, for the status bar."""
        if self.phase == Phase.PLANNING:
            return Deadline(str(_("DX points")), self.target_deadline)
        if self.phase in (Phase.IN_PROGRESS, Phase.REPORTING):
            return Deadline(str(_("Year-end reports")), self.report_deadline)
        return None

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(
            self.level_a_threshold, self.level_b_threshold, self.level_c_threshold
        )

    def level_for_rate(self, rate: Fraction) -> str:
        """Return the level A–D that an achievement rate earns this year."""
        return self.thresholds.level(rate)

    def yen_for(self, hours) -> int:
        """The value of ``hours`` of staff time at this year's hourly cost."""
        return yen_value(hours, self.hourly_cost)

    def clean(self) -> None:
        errors = {}
        if (
            self.target_deadline
            and self.report_deadline
            and self.report_deadline < self.target_deadline
        ):
            errors["report_deadline"] = _("Reports cannot be due before the DX points.")
        thresholds = (
            self.level_a_threshold,
            self.level_b_threshold,
            self.level_c_threshold,
        )
        if None not in thresholds and not (
            thresholds[0] >= thresholds[1] >= thresholds[2] >= 0
        ):
            errors["level_b_threshold"] = _(
                "The thresholds must go down from A to C (for example 100, 80, 50)."
            )
        if errors:
            raise ValidationError(errors)


class PhaseChange(models.Model):
    """One move of a fiscal year from phase to phase: who, when and why."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.CASCADE,
        related_name="phase_changes",
        verbose_name=_("fiscal year"),
    )
    from_phase = models.CharField(
        _("from"), max_length=20, choices=Phase.choices, blank=True
    )
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.from_phase} → {self.to_phase}"

    @property
    def is_backward(self) -> bool:
        return moves_back(self.from_phase, self.to_phase)


class PhaseNoticeQuerySet(models.QuerySet):
    def unread_for(self, user) -> PhaseNoticeQuerySet:
        """The notices ``user`` has not marked read, newest first."""
        return self.filter(recipient=user, read_at__isnull=True)


class PhaseNotice(models.Model):
    """What one DXer or head was told about one phase move (home page and e-mail).

    One per person and move: the database refuses a second.
    """

    phase_change = models.ForeignKey(
        PhaseChange,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("phase change"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="phase_notices",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    url = models.CharField(
        _("link"), max_length=200, blank=True, help_text=_("Where to act, if anywhere.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = PhaseNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("phase notice")
        verbose_name_plural = _("phase notices")
        constraints = [
            models.UniqueConstraint(
                fields=["phase_change", "recipient"],
                name="phase_notice_once_per_person",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
