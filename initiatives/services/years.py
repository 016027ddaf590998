"""Fiscal-year writes: opening a year and moving it through its phases."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from iruma_dx.lib.dates import japanese_date

from ..models import (
    AchievementReport,
    Assignment,
    FiscalYear,
    NationalPlanEdition,
    Phase,
    PhaseChange,
    PhaseNotice,
)
from ..models.years import PHASE_DESCRIPTIONS
from ..signals import year_figures_changed
from ..year_summary import (
    GROUPS,
    Actor,
    YearSummary,
    allowed_steps,
    personal_text,
    summarise,
)


@transaction.atomic
def open_fiscal_year(
    *,
    year: int,
    target_deadline: date,
    report_deadline: date,
    by,
    focus_area_edition: NationalPlanEdition | None = None,
) -> FiscalYear:
    """Open a new fiscal year in its planning phase.

    Level thresholds, the hours of one FTE-year and the hourly personnel
    cost carry over from the previous year, so a setting the DX office
    changed once stays changed. The year's points are tagged from
    ``focus_area_edition`` of the national plan: the newest by default.
    """
    if FiscalYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)s is already open.") % {"year": FiscalYear(year=year).label}
        )
    edition = focus_area_edition or NationalPlanEdition.objects.newest()
    if edition is None:
        raise ValidationError(_("No edition of the national DX plan is loaded."))
    previous = FiscalYear.objects.filter(year__lt=year).newest()
    fiscal_year = FiscalYear(
        year=year,
        phase=Phase.PLANNING,
        target_deadline=target_deadline,
        report_deadline=report_deadline,
        focus_area_edition=edition,
        created_by=by,
    )
    if previous is not None:
        fiscal_year.level_a_threshold = previous.level_a_threshold
        fiscal_year.level_b_threshold = previous.level_b_threshold
        fiscal_year.level_c_threshold = previous.level_c_threshold
        fiscal_year.fte_hours = previous.fte_hours
        fiscal_year.hourly_cost = previous.hourly_cost
    fiscal_year.full_clean()
    fiscal_year.save(force_insert=True)
    PhaseChange.objects.create(
        fiscal_year=fiscal_year, from_phase="", to_phase=Phase.PLANNING, changed_by=by
    )
    return fiscal_year


@transaction.atomic
def change_phase(
    fiscal_year: FiscalYear, *, to_phase: str, by, reason: str = ""
) -> PhaseChange:
    """Move a fiscal year to the next phase, or back with a recorded reason.

    Every DXer and head of the year is told what the move did to their
    items, what they can still do and whom to ask: a notice on their home
    page, and an e-mail once the move is committed.
    """
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    fiscal_year.check_move(to_phase, reason=reason)
    summary = summarise(fiscal_year)  # as it stood before the move
    change = PhaseChange.objects.create(
        fiscal_year=fiscal_year,
        from_phase=fiscal_year.phase,
        to_phase=to_phase,
        reason=reason.strip(),
        changed_by=by,
    )
    fiscal_year.phase = to_phase
    fiscal_year.save(update_fields=["phase"])
    if Phase.CLOSED in (change.from_phase, to_phase):
        year_figures_changed.send(sender=FiscalYear, fiscal_year=fiscal_year)
    notify_phase_change(change, summary=summary)
    return change


def _dx_office_contacts() -> list[str]:
    """The DX office's members as people write to them: name and address."""
    contacts = []
    for assignment in Assignment.objects.dx_office_this_year().order_by(
        "user__last_name", "user__username"
    ):
        user = assignment.user
        contacts.append(f"{user}（{user.email}）" if user.email else str(user))
    return contacts


def _notice_url(actor: Actor, fiscal_year: FiscalYear) -> str:
    if actor == Actor.HEAD:
        return reverse("initiatives:review")
    return f"{reverse('initiatives:point_list')}?year={fiscal_year.year}"


def _compose_notice(change: PhaseChange, actor: Actor, counts, contacts) -> dict:
    """The subject and text one person is told, in the portal's language."""
    fiscal_year = change.fiscal_year
    effects = []
    for group in (group for group in GROUPS if group.actor == actor):
        count = counts.open[group.key]
        effect = group.effect(change.from_phase, change.to_phase)
        if count and effect is not None:
            effects.append(personal_text(group, effect, count))
    subject = _("%(year)s moved to the phase: %(phase)s") % {
        "year": fiscal_year.label,
        "phase": change.get_to_phase_display(),
    }
    body = render_to_string(
        "initiatives/email/phase_notice.txt",
        {
            "change": change,
            "when": japanese_date(change.changed_at),
            "fiscal_year": fiscal_year,
            "description": PHASE_DESCRIPTIONS[change.to_phase],
            "effects": effects,
            "can_do": allowed_steps(actor, change.to_phase),
            "is_head": actor == Actor.HEAD,
            "contacts": contacts,
        },
    ).strip()
    return {"subject": subject, "body": body, "url": _notice_url(actor, fiscal_year)}


def notify_phase_change(change: PhaseChange, *, summary: YearSummary) -> list:
    """Tell each DXer and head of the year about ``change``, once each.

    ``summary`` is the year as it stood before the move. A person told about
    this move before is left out (the database would refuse a second
    notice); the e-mails go once the transaction commits.
    """
    told = set(change.notices.values_list("recipient_id", flat=True))
    contacts = _dx_office_contacts()
    notices = []
    with translation.override(settings.LANGUAGE_CODE):
        for person, actor, counts in summary.people():
            if person.pk in told:
                continue
            told.add(person.pk)
            notices.append(
                PhaseNotice(
                    phase_change=change,
                    recipient=person,
                    **_compose_notice(change, actor, counts, contacts),
                )
            )
    PhaseNotice.objects.bulk_create(notices)
    mails = [notice for notice in notices if notice.recipient.email]
    if mails:
        transaction.on_commit(lambda: _mail_notices(mails))
    return notices


def _mail_notices(notices: list[PhaseNotice]) -> None:
    portal = settings.PORTAL_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        prefix = _("Iruma DX Portal")
        messages = [
            EmailMessage(
                f"[{prefix}] {notice.subject}",
                f"{notice.body}\n\n{portal}{notice.url}\n",
                to=[notice.recipient.email],
            )
            for notice in notices
        ]
    # Like the other notifications: a mail server that is down does not undo
    # the move, and the notice stays on the home page.
    get_connection(fail_silently=True).send_messages(messages)


@transaction.atomic
def update_year_settings(fiscal_year: FiscalYear, *, fields: dict, by) -> FiscalYear:
    """Save a fiscal year's deadlines, level thresholds, FTE hours and hourly cost.

    New thresholds change the level each of the year's reports earns, so the
    stored levels are worked out again in the same transaction. A published
    annual report keeps the figures it was published with.
    """
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    if fiscal_year.is_closed:
        raise ValidationError(_("A closed year is read-only."))
    for name, value in fields.items():
        setattr(fiscal_year, name, value)
    fiscal_year.full_clean()
    fiscal_year.save(update_fields=list(fields))
    AchievementReport.objects.filter(point__fiscal_year=fiscal_year).refresh_levels()
    return fiscal_year
