"""The workflow's rulebook: which step is allowed in which state and phase.

Each step of the year's work is written here once, as a ``Step``: the states
of the point (or year-end report) and the phases of its fiscal year in which
it may be taken. The model methods ask a step about one object
(``DxPoint.why_not_edit``, ``AchievementReport.can_confirm`` …) and the
querysets that find what is waiting ask the same step for a filter
(``DxPoint.objects.to_submit()``, ``AchievementReport.objects.to_confirm()``
…). Pages, the import, the reminders, the home page and the progress tables
use those; none of them lists states or phases of its own.

Who may take a step (the point's DXer, its department's head) is the
model's part; the phases of a fiscal year are ``years.Phase``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .years import Phase


class PointState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned")


@dataclass(frozen=True)
class Step:
    """A step allowed for items in ``states`` while their year is in ``phases``."""

    states: tuple[str, ...]
    phases: tuple[str, ...]

    def allows(self, state: str, phase: str) -> bool:
        return state in self.states and phase in self.phases

    def q(self, *, state: str = "state", phase: str = "fiscal_year__phase") -> Q:
        """The same rule as a filter, with the lookups of the state and the phase."""
        return Q(**{f"{state}__in": self.states, f"{phase}__in": self.phases})


# New points are entered, and last year's carried forward, while planning.
NEW_POINT_PHASES = (Phase.PLANNING,)

# DX points. The DXer finishes drafts and returned points (late ones too,
# while the year is in progress), and submits them to the head.
EDIT_POINT = Step(
    states=(PointState.DRAFT, PointState.RETURNED),
    phases=(Phase.PLANNING, Phase.IN_PROGRESS),
)
DELETE_POINT = Step(states=(PointState.DRAFT,), phases=(Phase.PLANNING,))
# The head approves a submitted point or returns it with a comment …
REVIEW_POINT = Step(
    states=(PointState.SUBMITTED,), phases=(Phase.PLANNING, Phase.IN_PROGRESS)
)
# … and may reopen an approved one (return it) while it has no report.
REOPEN_POINT = Step(
    states=(PointState.APPROVED,), phases=(Phase.PLANNING, Phase.IN_PROGRESS)
)
# The DXer takes a submitted point back (取り下げ) as a draft until the head
# has acted on it: while it could still be reviewed.
WITHDRAW_POINT = Step(states=(PointState.SUBMITTED,), phases=REVIEW_POINT.phases)

# Year-end reports. The DXer writes the report of an approved point in the
# reporting phase (a new report, a draft, or one the head returned) …
WRITE_REPORT = Step(
    states=(ReportState.DRAFT, ReportState.RETURNED), phases=(Phase.REPORTING,)
)
# … the head confirms a submitted report, or returns it (a confirmed one
# too), until the DX office has closed the year's evaluation.
CONFIRM_REPORT = Step(
    states=(ReportState.SUBMITTED,), phases=(Phase.REPORTING, Phase.EVALUATION)
)
RETURN_REPORT = Step(
    states=(ReportState.SUBMITTED, ReportState.CONFIRMED),
    phases=(Phase.REPORTING, Phase.EVALUATION),
)
# The DXer takes a submitted report back (取り下げ) as a draft until the head
# has confirmed or returned it, while reports may still be written: a draft
# taken back later could never be submitted again.
WITHDRAW_REPORT = Step(states=(ReportState.SUBMITTED,), phases=WRITE_REPORT.phases)


# What is waiting, as filters on DX points: the steps above, asked of every
# point at once (reminders, the home page, the review page, progress tables).


def to_submit() -> Q:
    """Points their DXer may still change and submit: drafts and returned ones."""
    return EDIT_POINT.q()


def to_review() -> Q:
    """Submitted points waiting for their head's approval."""
    return REVIEW_POINT.q()


def reports_to_write() -> Q:
    """Approved points whose year-end report is due: none yet, a draft, returned."""
    not_written = Q(report__isnull=True, fiscal_year__phase__in=WRITE_REPORT.phases)
    return Q(state=PointState.APPROVED) & (
        not_written | WRITE_REPORT.q(state="report__state")
    )


def reports_to_confirm() -> Q:
    """Points whose submitted year-end report waits for their head."""
    return CONFIRM_REPORT.q(state="report__state")


# What the head's review page lists: the items waiting for them (the
# default), those sent back to the DXer, those already decided, or all of
# them; never drafts, which the head has not been sent.


class ReviewList(models.TextChoices):
    WAITING = "waiting", _("Waiting for you")
    RETURNED = "returned", _("Returned to the DXer")
    DONE = "done", _("Approved or confirmed")
    ALL = "all", _("All sent to you")


def points_in_review_list(listing: str) -> Q:
    """The points a review list shows (``ReviewList``)."""
    return {
        ReviewList.WAITING: to_review(),
        ReviewList.RETURNED: Q(state=PointState.RETURNED),
        ReviewList.DONE: Q(state=PointState.APPROVED),
        ReviewList.ALL: ~Q(state=PointState.DRAFT),
    }[listing]


def reports_in_review_list(listing: str) -> Q:
    """The year-end reports a review list shows, as a filter on reports."""
    return {
        ReviewList.WAITING: CONFIRM_REPORT.q(phase="point__fiscal_year__phase"),
        ReviewList.RETURNED: Q(state=ReportState.RETURNED),
        ReviewList.DONE: Q(state=ReportState.CONFIRMED),
        ReviewList.ALL: ~Q(state=ReportState.DRAFT),
    }[listing]
