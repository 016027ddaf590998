"""Reminders: what a DXer or a department head still has to do, and by when.

The same reminders are shown on the home page as a banner and sent by
``send_reminders`` as an e-mail (at most one a day). A DXer is reminded of
points and year-end reports due within 14 days or overdue, and of sections
that have no point yet; a head of items waiting for review.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.models import (
    Assignment,
    DxPoint,
    FiscalYear,
    Role,
    Section,
    roles_of,
    workflow,
)
from iruma_dx.lib.dates import display_date
from iruma_dx.lib.fiscal import fiscal_year_label, fiscal_year_of

REMINDER_DAYS = 14
# Order in which reminders are listed.
KINDS = (
    "no_points",
    "points_due",
    "reports_due",
    "points_to_review",
    "reports_to_review",
)


@dataclass(frozen=True)
class Reminder:
    kind: str
    fiscal_year: int
    count: int
    due: date | None
    today: date

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def url(self) -> str:
        if self.kind in ("points_to_review", "reports_to_review"):
            return reverse("initiatives:review")
        return f"{reverse('initiatives:point_list')}?year={self.fiscal_year}"

    def message(self) -> str:
        """What is waiting, in the active language (without the due date)."""
        year = fiscal_year_label(self.fiscal_year)
        count = self.count
        texts = {
            "no_points": ngettext(
                "%(year)s: %(count)s section of yours has no DX point yet",
                "%(year)s: %(count)s sections of yours have no DX point yet",
                count,
            ),
            "points_due": ngettext(
                "%(year)s: %(count)s DX point to submit",
                "%(year)s: %(count)s DX points to submit",
                count,
            ),
            "reports_due": ngettext(
                "%(year)s: %(count)s year-end report to submit",
                "%(year)s: %(count)s year-end reports to submit",
                count,
            ),
            "points_to_review": ngettext(
                "%(year)s: %(count)s DX point waiting for your review",
                "%(year)s: %(count)s DX points waiting for your review",
                count,
            ),
            "reports_to_review": ngettext(
                "%(year)s: %(count)s year-end report waiting for your review",
                "%(year)s: %(count)s year-end reports waiting for your review",
                count,
            ),
        }
        return texts[self.kind] % {"year": year, "count": count}

    def due_text(self) -> str:
        """When it is due: the date, and the days left or overdue."""
        if self.due is None:
            return ""
        when = display_date(self.due)
        days = self.days_left
        if days > 0:
            return ngettext(
                "due %(date)s (%(days)s day left)",
                "due %(date)s (%(days)s days left)",
                days,
            ) % {"date": when, "days": days}
        if days == 0:
            return _("due today (%(date)s)") % {"date": when}
        return ngettext(
            "overdue: it was due %(date)s (%(days)s day ago)",
            "overdue: it was due %(date)s (%(days)s days ago)",
            -days,
        ) % {"date": when, "days": -days}

    def text(self) -> str:
        due = self.due_text()
        return f"{self.message()}（{due}）" if due else self.message()


def _section_items(section_ids, today: date) -> dict[int, list[tuple]]:
    """(kind, year, count, due) per section: points and reports still due.

    Two queries whatever the number of sections and points, and one more for
    each fiscal year in planning whose deadline is near (there is one at most
    in practice: the DX office plans one year at a time).
    """
    soon = today + timedelta(days=REMINDER_DAYS)
    items: dict[int, list[tuple]] = defaultdict(list)
    if not section_ids:
        return items
    points_due = workflow.to_submit() & Q(fiscal_year__target_deadline__lte=soon)
    reports_due = workflow.reports_to_write() & Q(
        fiscal_year__report_deadline__lte=soon
    )
    rows = (
        DxPoint.objects.filter(
            section_id__in=section_ids, fiscal_year__in=FiscalYear.objects.open()
        )
        .values(
            "section",
            "fiscal_year",
            "fiscal_year__target_deadline",
            "fiscal_year__report_deadline",
        )
        .annotate(
            points_due=Count("pk", filter=points_due),
            reports_due=Count("pk", filter=reports_due),
        )
        .order_by()
    )
    for row in rows:
        if row["points_due"]:
            items[row["section"]].append(
                (
                    "points_due",
                    row["fiscal_year"],
                    row["points_due"],
                    row["fiscal_year__target_deadline"],
                )
            )
        if row["reports_due"]:
            items[row["section"]].append(
                (
                    "reports_due",
                    row["fiscal_year"],
                    row["reports_due"],
                    row["fiscal_year__report_deadline"],
                )
            )
    # Sections that have not entered a single point while planning closes.
    planning = FiscalYear.objects.filter(
        phase__in=workflow.NEW_POINT_PHASES, target_deadline__lte=soon
    )
    for year in planning:
        empty = (
            Section.objects.filter(pk__in=section_ids)
            .active_in(year.year)
            .exclude(points__fiscal_year=year)
            .values_list("pk", flat=True)
        )
        for section_id in empty:
            items[section_id].append(("no_points", year.year, 1, year.target_deadline))
    return items


def _department_items(department_ids, today: date) -> dict[int, list[tuple]]:
    """(kind, year, count, None) per department: items waiting for review."""
    items: dict[int, list[tuple]] = defaultdict(list)
    if not department_ids:
        return items
    rows = (
        DxPoint.objects.filter(
            section__department_id__in=department_ids,
            fiscal_year__in=FiscalYear.objects.open(),
        )
        .values("section__department", "fiscal_year")
        .annotate(
            points_to_review=Count("pk", filter=workflow.to_review()),
            reports_to_review=Count("pk", filter=workflow.reports_to_confirm()),
        )
        .order_by()
    )
    for row in rows:
        for kind in ("points_to_review", "reports_to_review"):
            if row[kind]:
                items[row["section__department"]].append(
                    (kind, row["fiscal_year"], row[kind], None)
                )
    return items


def _combine(item_lists, today: date) -> list[Reminder]:
    """Add up one person's items over their sections or departments."""
    totals: dict[tuple, int] = defaultdict(int)
    dues: dict[tuple, date | None] = {}
    for items in item_lists:
        for kind, year, count, due in items:
            totals[(kind, year)] += count
            dues[(kind, year)] = due
    return sorted(
        (
            Reminder(kind, year, count, dues[(kind, year)], today)
            for (kind, year), count in totals.items()
        ),
        key=lambda reminder: (reminder.fiscal_year, KINDS.index(reminder.kind)),
    )


def reminders_for(user, today: date | None = None) -> list[Reminder]:
    """The reminders of one person (none for a person without a role)."""
    today = today or timezone.localdate()
    roles = roles_of(user, fiscal_year_of(today))
    sections = _section_items(roles.section_ids, today)
    departments = _department_items(roles.department_ids, today)
    return _combine(
        [sections[pk] for pk in roles.section_ids]
        + [departments[pk] for pk in roles.department_ids],
        today,
    )


def due_reminders(today: date) -> list[tuple[object, list[Reminder]]]:
    """Every DXer and head with something to be reminded of, and what.

    A fixed number of queries whatever the number of people and points.
    """
    assignments = list(
        Assignment.objects.active_in(fiscal_year_of(today))
        .filter(role__in=[Role.DXER, Role.HEAD], user__is_active=True)
        .select_related("user")
        .order_by("user__username", "pk")
    )
    sections = _section_items(
        {a.section_id for a in assignments if a.role == Role.DXER}, today
    )
    departments = _department_items(
        {a.department_id for a in assignments if a.role == Role.HEAD}, today
    )
    people: dict[int, tuple[object, list]] = {}
    for assignment in assignments:
        user, lists = people.setdefault(assignment.user_id, (assignment.user, []))
        if assignment.role == Role.DXER:
            lists.append(sections[assignment.section_id])
        else:
            lists.append(departments[assignment.department_id])
    result = []
    for user, lists in people.values():
        reminders = _combine(lists, today)
        if reminders:
            result.append((user, reminders))
    return result


def open_item_reminders(summary, today: date) -> list[tuple[object, list[Reminder]]]:
    """The reminders of a year's open items, for the people who may act on them now.

    ``summary`` is ``initiatives.year_summary.summarise``'s: the phase page
    sends these from its button, whatever the deadlines. No query.
    """
    year = summary.fiscal_year.year
    return [
        (
            user,
            sorted(
                (Reminder(kind, year, count, due, today) for kind, count, due in items),
                key=lambda reminder: KINDS.index(reminder.kind),
            ),
        )
        for user, items in summary.to_remind()
    ]
