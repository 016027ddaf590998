"""What is still open in a fiscal year, and what a phase move does to it.

One summary of a year serves the phase page (what a move stops, what goes
on, which deadline is still ahead), the reminders sent from it, the notices
people get after a move, and the annual report's publishing page (confirmed
reports of approved points, per department).

Every group of open items names the phases in which someone may act on it,
taken from the workflow's steps (``workflow.EDIT_POINT`` …); what a move does
to a group is worked out from those phases alone, never listed per phase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import (
    Assignment,
    Department,
    DxPoint,
    FiscalYear,
    Role,
    Section,
    User,
    fiscal_year_today,
    workflow,
)
from .models.workflow import PointState, ReportState


class Actor(StrEnum):
    DXER = "dxer"
    HEAD = "head"


class Effect(StrEnum):
    """What a phase move does to a group of open items."""

    STOPS = "stops"  # someone may act on them now, no one after the move
    CONTINUES = "continues"  # someone may act on them before and after
    STARTS = "starts"  # no one may now, someone may after the move


@dataclass(frozen=True)
class Group:
    """A kind of open item: who acts on it, in which phases, due by which deadline."""

    key: str
    actor: Actor
    phases: tuple[str, ...]
    deadline: str  # the FiscalYear field it is due by
    reminder: str  # the kind of reminder (evaluation.reminders) it is sent as
    name: str  # e.g. "year-end reports not submitted" (lazy)
    points: Q | None = None  # the points it counts; None: sections without one

    def effect(self, from_phase: str, to_phase: str) -> Effect | None:
        """What moving from ``from_phase`` to ``to_phase`` does to the group.

        None when no one may act on the group in either phase (reports while
        the year is still planned; drafts left over once reports are due).
        """
        now, after = from_phase in self.phases, to_phase in self.phases
        if now:
            return Effect.CONTINUES if after else Effect.STOPS
        return Effect.STARTS if after else None


def _states(step: workflow.Step, state: str) -> str:
    """``state``, checked to be one the step acts on (the rulebook decides)."""
    if state not in step.states:
        raise ValueError(f"{step} does not act on {state!r}")
    return state


_APPROVED = Q(state=PointState.APPROVED)
_EDIT, _REVIEW = workflow.EDIT_POINT, workflow.REVIEW_POINT
_WRITE, _CONFIRM = workflow.WRITE_REPORT, workflow.CONFIRM_REPORT

GROUPS: tuple[Group, ...] = (
    Group(
        "no_points",
        Actor.DXER,
        tuple(workflow.NEW_POINT_PHASES),
        "target_deadline",
        "no_points",
        gettext_lazy("sections without any DX point"),
    ),
    Group(
        "points_draft",
        Actor.DXER,
        _EDIT.phases,
        "target_deadline",
        "points_due",
        gettext_lazy("DX points not submitted (drafts)"),
        Q(state=_states(_EDIT, PointState.DRAFT)),
    ),
    Group(
        "points_returned",
        Actor.DXER,
        _EDIT.phases,
        "target_deadline",
        "points_due",
        gettext_lazy("returned DX points"),
        Q(state=_states(_EDIT, PointState.RETURNED)),
    ),
    Group(
        "points_submitted",
        Actor.HEAD,
        _REVIEW.phases,
        "target_deadline",
        "points_to_review",
        gettext_lazy("DX points waiting for approval"),
        Q(state=_states(_REVIEW, PointState.SUBMITTED)),
    ),
    Group(
        "reports_missing",
        Actor.DXER,
        _WRITE.phases,
        "report_deadline",
        "reports_due",
        gettext_lazy("year-end reports not submitted"),
        # A report not written yet is as open as a draft (DxPoint.why_not_write_report).
        _APPROVED
        & (
            Q(report__isnull=True) | Q(report__state=_states(_WRITE, ReportState.DRAFT))
        ),
    ),
    Group(
        "reports_returned",
        Actor.DXER,
        _WRITE.phases,
        "report_deadline",
        "reports_due",
        gettext_lazy("returned year-end reports"),
        _APPROVED & Q(report__state=_states(_WRITE, ReportState.RETURNED)),
    ),
    Group(
        "reports_submitted",
        Actor.HEAD,
        _CONFIRM.phases,
        "report_deadline",
        "reports_to_review",
        gettext_lazy("year-end reports waiting for confirmation"),
        _APPROVED & Q(report__state=_states(_CONFIRM, ReportState.SUBMITTED)),
    ),
)
GROUP_KEYS = tuple(group.key for group in GROUPS)

# What each role may do in a phase: the steps, for the notices after a move.
ROLE_STEPS: dict[Actor, tuple[tuple[tuple[str, ...], str], ...]] = {
    Actor.DXER: (
        (tuple(workflow.NEW_POINT_PHASES), gettext_lazy("enter new DX points")),
        (_EDIT.phases, gettext_lazy("finish and submit drafts and returned DX points")),
        (_WRITE.phases, gettext_lazy("write and submit year-end reports")),
    ),
    Actor.HEAD: (
        (_REVIEW.phases, gettext_lazy("approve or return submitted DX points")),
        (
            workflow.REOPEN_POINT.phases,
            gettext_lazy("reopen an approved DX point that has no report"),
        ),
        (_CONFIRM.phases, gettext_lazy("confirm or return year-end reports")),
    ),
}


def allowed_steps(actor: Actor, phase: str) -> list[str]:
    """What ``actor`` may do in a year in ``phase``, in words."""
    return [str(text) for phases, text in ROLE_STEPS[actor] if phase in phases]


# Plain words ------------------------------------------------------------------

_VERBS = {
    # (actor, effect, after the move?): the end of the sentence
    (Actor.DXER, Effect.STOPS, False): gettext_lazy(
        "can no longer be edited or submitted."
    ),
    (Actor.DXER, Effect.STOPS, True): gettext_lazy(
        "can no longer be edited or submitted now."
    ),
    (Actor.DXER, Effect.CONTINUES, False): gettext_lazy(
        "can still be edited and submitted."
    ),
    (Actor.DXER, Effect.CONTINUES, True): gettext_lazy(
        "can still be edited and submitted now."
    ),
    (Actor.DXER, Effect.STARTS, False): gettext_lazy(
        "can then be edited and submitted."
    ),
    (Actor.DXER, Effect.STARTS, True): gettext_lazy("can be edited and submitted now."),
    (Actor.HEAD, Effect.STOPS, False): gettext_lazy(
        "can no longer be approved, confirmed or returned by the department head."
    ),
    (Actor.HEAD, Effect.STOPS, True): gettext_lazy(
        "can no longer be approved, confirmed or returned now."
    ),
    (Actor.HEAD, Effect.CONTINUES, False): gettext_lazy(
        "can still be approved or confirmed by the department head."
    ),
    (Actor.HEAD, Effect.CONTINUES, True): gettext_lazy(
        "can still be approved or confirmed now."
    ),
    (Actor.HEAD, Effect.STARTS, False): gettext_lazy(
        "can then be approved or confirmed by the department head."
    ),
    (Actor.HEAD, Effect.STARTS, True): gettext_lazy(
        "can be approved or confirmed now."
    ),
}
_NO_POINT_VERBS = {
    (Effect.STOPS, False): gettext_lazy("can no longer add one."),
    (Effect.STOPS, True): gettext_lazy("can no longer add one now."),
    (Effect.CONTINUES, False): gettext_lazy("can still add one."),
    (Effect.CONTINUES, True): gettext_lazy("can still add one now."),
    (Effect.STARTS, False): gettext_lazy("can then add DX points."),
    (Effect.STARTS, True): gettext_lazy("can add DX points now."),
}


def _verb(group: Group, effect: Effect, *, after: bool) -> str:
    if group.points is None:
        return str(_NO_POINT_VERBS[(effect, after)])
    return str(_VERBS[(group.actor, effect, after)])


def _sentence(subject: str, verb: str) -> str:
    return _("%(subject)s %(verb)s") % {"subject": subject, "verb": verb}


@dataclass(frozen=True)
class Consequence:
    """What a move does to one group of open items, across the year."""

    group: Group
    effect: Effect
    count: int  # items (sections, for sections without a point)
    sections: int  # sections that have them

    @property
    def text(self) -> str:
        """「12課の未提出の年度末報告18件は、編集も提出もできなくなります。」"""
        if self.group.points is None:
            subject = _("%(sections)s sections without any DX point") % {
                "sections": self.sections
            }
        else:
            subject = _("%(count)s %(what)s in %(sections)s sections") % {
                "count": self.count,
                "what": self.group.name,
                "sections": self.sections,
            }
        return _sentence(subject, _verb(self.group, self.effect, after=False))


def personal_text(group: Group, effect: Effect, count: int) -> str:
    """The same for one DXer's section or one head's department, after the move."""
    if group.points is None:
        subject = _("Your section, which has no DX point yet,")
    elif group.actor == Actor.DXER:
        subject = _("%(count)s %(what)s of your section") % {
            "count": count,
            "what": group.name,
        }
    else:
        subject = _("%(count)s %(what)s of your department") % {
            "count": count,
            "what": group.name,
        }
    return _sentence(subject, _verb(group, effect, after=True))


@dataclass(frozen=True)
class DeadlineAhead:
    """A deadline the move comes before: the items due by it stop early."""

    what: str
    due: date
    days: int


# The summary ------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class Counts:
    """Open items per group, and the approved points and confirmed reports."""

    open: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUP_KEYS, 0))
    points: int = 0
    approved: int = 0
    confirmed: int = 0

    def add(self, other: Counts) -> None:
        for key in GROUP_KEYS:
            self.open[key] += other.open[key]
        self.points += other.points
        self.approved += other.approved
        self.confirmed += other.confirmed

    @property
    def confirmed_share(self) -> Decimal | None:
        """Confirmed reports of approved points, in percent (one decimal)."""
        return _share(self.confirmed, self.approved)

    @property
    def waiting(self) -> int:
        return self.open["reports_submitted"]

    @property
    def returned(self) -> int:
        return self.open["reports_returned"]

    @property
    def missing(self) -> int:
        return self.open["reports_missing"]


@dataclass
class SectionSummary:
    section: Section
    dxer: User | None
    counts: Counts

    def count(self, key: str) -> int:
        return self.counts.open[key]


@dataclass
class DepartmentSummary:
    department: Department
    head: User | None
    sections: list[SectionSummary] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class YearSummary:
    """What is open in a fiscal year, per department and section."""

    fiscal_year: FiscalYear
    departments: list[DepartmentSummary]
    totals: Counts

    def consequences(self, to_phase: str, from_phase: str = "") -> list[Consequence]:
        """What moving the year to ``to_phase`` does to each group with items."""
        from_phase = from_phase or self.fiscal_year.phase
        result = []
        for group in GROUPS:
            count = self.totals.open[group.key]
            effect = group.effect(from_phase, to_phase)
            if not count or effect is None:
                continue
            sections = sum(
                1
                for department in self.departments
                for row in department.sections
                if row.count(group.key)
            )
            result.append(Consequence(group, effect, count, sections))
        return result

    def table(self, keys: list[str]) -> list[dict]:
        """Departments and sections with any item of the groups ``keys``, and how many.

        Each department row: ``department``, ``head``, ``cells`` (one count
        per key) and ``sections``, rows of ``section``, ``dxer`` and ``cells``.
        """
        rows = []
        for department in self.departments:
            sections = [
                {"section": row.section, "dxer": row.dxer, "cells": cells}
                for row in department.sections
                if any(cells := [row.count(key) for key in keys])
            ]
            if sections:
                rows.append(
                    {
                        "department": department.department,
                        "head": department.head,
                        "cells": [department.counts.open[key] for key in keys],
                        "sections": sections,
                    }
                )
        return rows

    def open_count(self) -> int:
        """Items someone may act on now: what a move needs confirming for."""
        phase = self.fiscal_year.phase
        return sum(
            self.totals.open[group.key] for group in GROUPS if phase in group.phases
        )

    def stopping_count(self, to_phase: str) -> int:
        return sum(
            consequence.count
            for consequence in self.consequences(to_phase)
            if consequence.effect == Effect.STOPS
        )

    def deadlines_ahead(self, to_phase: str, today: date) -> list[DeadlineAhead]:
        """The deadlines still ahead of items the move stops (each once)."""
        names = {
            "target_deadline": _("DX points"),
            "report_deadline": _("Year-end reports"),
        }
        ahead = {}
        for group in GROUPS:
            if group.effect(self.fiscal_year.phase, to_phase) != Effect.STOPS:
                continue
            due = getattr(self.fiscal_year, group.deadline)
            if due > today:
                ahead[group.deadline] = DeadlineAhead(
                    names[group.deadline], due, (due - today).days
                )
        return sorted(ahead.values(), key=lambda deadline: deadline.due)

    def check_confirmed(self, confirmed: int | None) -> None:
        """Refuse a move with open items unless their count was confirmed.

        ``confirmed`` is the count the DX office ticked on the page (None:
        not ticked). A count that changed since the page was opened is
        refused too, so that no one confirms figures they have not seen.
        """
        count = self.open_count()
        if not count:
            return
        if confirmed is None:
            raise ValidationError(
                ngettext(
                    "%(count)s item is still open: tick the box to confirm the "
                    "move anyway.",
                    "%(count)s items are still open: tick the box to confirm the "
                    "move anyway.",
                    count,
                )
                % {"count": count},
                code="unconfirmed",
            )
        if confirmed != count:
            raise ValidationError(
                _(
                    "The open items changed while the page was open: %(count)s "
                    "now. Check the summary again and confirm."
                )
                % {"count": count},
                code="changed",
            )

    def people(self) -> list[tuple[User, Actor, Counts]]:
        """Each DXer and head of the year, with what is open in their units."""
        found: dict[tuple[int, Actor], tuple[User, Actor, Counts]] = {}
        for department in self.departments:
            units = [(department.head, Actor.HEAD, department.counts)] + [
                (row.dxer, Actor.DXER, row.counts) for row in department.sections
            ]
            for person, actor, counts in units:
                if person is None:
                    continue
                key = (person.pk, actor)
                if key not in found:
                    found[key] = (person, actor, Counts())
                found[key][2].add(counts)
        return list(found.values())

    def to_remind(self) -> list[tuple[User, list[tuple[str, int, date | None]]]]:
        """The people who may act on open items now, and what to remind them of.

        Each item is (reminder kind, count, due date or None), as
        ``evaluation.reminders.Reminder`` takes them.
        """
        phase = self.fiscal_year.phase
        people: dict[int, tuple[User, dict]] = {}
        for person, actor, counts in self.people():
            for group in GROUPS:
                count = counts.open[group.key]
                if group.actor != actor or not count or phase not in group.phases:
                    continue
                due = getattr(self.fiscal_year, group.deadline)
                kinds = people.setdefault(person.pk, (person, {}))[1]
                total, _due = kinds.get(group.reminder, (0, None))
                kinds[group.reminder] = (
                    total + count,
                    due if actor == Actor.DXER else None,
                )
        return [
            (person, [(kind, count, due) for kind, (count, due) in kinds.items()])
            for person, kinds in people.values()
        ]


def _holders(year: int) -> tuple[dict[int, User], dict[int, User]]:
    """Who holds each section's DXer role and each department's head role."""
    dxers: dict[int, User] = {}
    heads: dict[int, User] = {}
    for assignment in (
        Assignment.objects.active_in(year)
        .filter(role__in=[Role.DXER, Role.HEAD], user__is_active=True)
        .select_related("user")
        .order_by("start_year", "pk")
    ):
        if assignment.role == Role.DXER:
            dxers[assignment.section_id] = assignment.user
        else:
            heads[assignment.department_id] = assignment.user
    return dxers, heads


def _section_counts(fiscal_year: FiscalYear) -> dict[int, Counts]:
    aggregates = {
        "points": Count("pk"),
        "approved": Count("pk", filter=_APPROVED),
        "confirmed": Count(
            "pk", filter=_APPROVED & Q(report__state=ReportState.CONFIRMED)
        ),
        **{
            group.key: Count("pk", filter=group.points)
            for group in GROUPS
            if group.points is not None
        },
    }
    result = {}
    for row in (
        DxPoint.objects.filter(fiscal_year=fiscal_year)
        .values("section")
        .annotate(**aggregates)
        .order_by()
    ):
        counts = Counts(
            points=row["points"], approved=row["approved"], confirmed=row["confirmed"]
        )
        for key in GROUP_KEYS:
            counts.open[key] = row.get(key, 0)
        result[row["section"]] = counts
    return result


def summarise(fiscal_year: FiscalYear) -> YearSummary:
    """What is open in ``fiscal_year``, per department and section.

    Three queries whatever the number of points: the counts per section, the
    sections of the year (and any other with points in it), and the people
    who hold the roles today (they are the ones who can act now).
    """
    counts = _section_counts(fiscal_year)
    sections = (
        Section.objects.filter(
            Q(pk__in=Section.objects.active_in(fiscal_year.year)) | Q(pk__in=counts)
        )
        .select_related("department")
        .order_by("department__display_order", "department__code", "display_order")
    )
    dxers, heads = _holders(fiscal_year_today())
    departments: dict[int, DepartmentSummary] = {}
    totals = Counts()
    for section in sections:
        section_counts = counts.get(section.pk) or Counts()
        if not section_counts.points and section.is_active_in(fiscal_year.year):
            section_counts.open["no_points"] = 1
        department = departments.get(section.department_id)
        if department is None:
            department = departments[section.department_id] = DepartmentSummary(
                section.department, heads.get(section.department_id)
            )
        department.sections.append(
            SectionSummary(section, dxers.get(section.pk), section_counts)
        )
        department.counts.add(section_counts)
        totals.add(section_counts)
    return YearSummary(fiscal_year, list(departments.values()), totals)
