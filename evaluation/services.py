"""Writes of the annual report: save the draft, publish it as a frozen version.

Views and management commands call these; nothing re-implements them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import DxPoint, FiscalYear, roles_of
from initiatives.year_summary import summarise

from . import exports, highlights
from .documents import live_document, next_version
from .models import (
    DRAFT_PHASES,
    AnnualReport,
    AnnualReportStatus,
    DepartmentComment,
    PublishedFile,
    ReminderLog,
    YearFigures,
)
from .pdf import PdfUnavailable
from .reminders import Reminder, open_item_reminders
from .rollups import year_figures

logger = logging.getLogger(__name__)


class StaleDraft(Exception):
    """Someone saved or published the draft after the editor opened it."""

    def __init__(self, current: AnnualReport | None) -> None:
        super().__init__("stale draft")
        self.current = current


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _record(instance, by, reason: str) -> None:
    instance._history_user = by
    instance._change_reason = reason


def _check_highlights(fiscal_year: FiscalYear, point_ids: set[int]) -> None:
    allowed = set(
        highlights.candidates(fiscal_year)
        .filter(pk__in=point_ids)
        .values_list("pk", flat=True)
    )
    if point_ids - allowed:
        titles = DxPoint.objects.filter(pk__in=point_ids - allowed).values_list(
            "title", flat=True
        )
        raise ValidationError(
            {
                "highlights": _(
                    "Only approved points with a confirmed report can be "
                    "highlighted: %(titles)s."
                )
                % {"titles": "、".join(titles) or "—"}
            }
        )


@transaction.atomic
def save_draft(
    fiscal_year: FiscalYear,
    *,
    summary: str,
    comments: dict[int, str],
    highlights: Iterable[int],
    revision: int,
    by,
) -> AnnualReport:
    """Save the DX office's texts and highlights in the year's draft.

    The first save creates the draft (the next version number). ``revision``
    is the draft's revision the editor started from (0 when there was no
    draft): if someone saved or published in between, StaleDraft is raised
    and nothing is written, so a second editor never overwrites the first.
    """
    _require(roles_of(by).is_dx_office)
    # Serialise writers of this year's report (two first saves at once).
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    if fiscal_year.phase not in DRAFT_PHASES:
        raise ValidationError(
            _("The annual report is written from the year-end reporting phase on.")
        )
    draft = (
        AnnualReport.objects.select_for_update()
        .filter(fiscal_year=fiscal_year, status=AnnualReportStatus.DRAFT)
        .first()
    )
    current = draft.revision if draft is not None else 0
    if current != revision:
        raise StaleDraft(draft)
    if draft is None:
        draft = AnnualReport(fiscal_year=fiscal_year, version=next_version(fiscal_year))
    draft.fiscal_year = fiscal_year  # the locked row, with its phase
    _require(draft.can_edit(roles_of(by)))
    point_ids = {int(pk) for pk in highlights}
    _check_highlights(fiscal_year, point_ids)

    draft.summary = summary.strip()
    draft.revision += 1
    draft.updated_by = by
    draft.full_clean(exclude=["highlights"])
    # One history entry for the texts and the highlights together.
    draft.skip_history_when_saving = True
    try:
        draft.save()
        draft.highlights.set(point_ids)
    finally:
        del draft.skip_history_when_saving
    _record(draft, by, _("saved the draft"))
    draft.save(update_fields=["updated_at"])
    _save_comments(draft, comments, by=by)
    return draft


def _save_comments(draft: AnnualReport, comments: dict[int, str], *, by) -> None:
    existing = {
        comment.department_id: comment for comment in draft.department_comments.all()
    }
    for department_id, text in comments.items():
        body = (text or "").strip()
        comment = existing.get(department_id)
        if comment is None and body:
            comment = DepartmentComment(
                annual_report=draft, department_id=department_id
            )
        elif comment is None or comment.body == body:
            continue
        if body:
            comment.body = body
            _record(comment, by, _("saved the draft"))
            comment.save()
        else:
            _record(comment, by, _("removed the comment"))
            comment.delete()


@transaction.atomic
def publish_annual_report(
    annual_report: AnnualReport, *, revision: int, by
) -> AnnualReport:
    """Publish the draft: freeze its figures, texts and points as they are now.

    Later changes to points or reports never alter a published version; a
    correction is published as the next version, and this one stays readable.
    """
    annual_report = (
        AnnualReport.objects.select_for_update()
        .select_related("fiscal_year")
        .get(pk=annual_report.pk)
    )
    if not annual_report.is_draft or annual_report.revision != revision:
        raise StaleDraft(annual_report)
    _require(annual_report.can_publish(roles_of(by)))
    if not annual_report.summary.strip():
        raise ValidationError(
            {"summary": _("Write the overall summary before publishing.")}
        )
    _check_highlights(
        annual_report.fiscal_year,
        set(annual_report.highlights.values_list("pk", flat=True)),
    )
    now = timezone.now()
    document = live_document(
        annual_report.fiscal_year, annual_report, status=AnnualReportStatus.PUBLISHED
    )
    document["published_at"] = now.isoformat()
    annual_report.frozen_points = json.dumps(document.pop("points"), ensure_ascii=False)
    annual_report.snapshot = json.dumps(document, ensure_ascii=False)
    annual_report.status = AnnualReportStatus.PUBLISHED
    annual_report.published_at = now
    annual_report.published_by = by
    annual_report.revision += 1
    _record(annual_report, by, _("published"))
    annual_report.save(
        update_fields=[
            "snapshot",
            "frozen_points",
            "status",
            "published_at",
            "published_by",
            "revision",
            "updated_at",
        ]
    )
    store_published_files(annual_report)
    # A correction of a closed year: its figures may differ from those stored.
    store_year_figures(annual_report.fiscal_year)
    return annual_report


def _store(annual_report: AnnualReport, fmt: str, content: bytes) -> PublishedFile:
    return PublishedFile.objects.create(
        annual_report=annual_report,
        format=fmt,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


@transaction.atomic
def store_published_files(annual_report: AnnualReport) -> list[PublishedFile]:
    """Write every file of a published version once, from its frozen contents.

    Files already kept are left as they are. Where WeasyPrint cannot be
    loaded, the PDF is left out (and logged); :func:`published_file` makes
    it from the same frozen contents when it is first asked for.
    """
    if not annual_report.is_published:
        raise ValueError("Only a published version's files are kept.")
    stored = set(annual_report.files.values_list("format", flat=True))
    document = annual_report.frozen()
    files = []
    for fmt in exports.PUBLISHED_FORMATS:
        if fmt in stored:
            continue
        try:
            content = exports.render(document, fmt)
        except PdfUnavailable as error:
            logger.warning("The PDF of %s is left for later: %s", annual_report, error)
            continue
        files.append(_store(annual_report, fmt, content))
    return files


def published_file(year: int, version: int, fmt: str) -> PublishedFile:
    """The kept file of a published version: one query when it is there.

    A file kept before (the usual case) is returned as it is. One that could
    not be made at publication (the PDF, on a machine without WeasyPrint) is
    made now from the frozen contents and kept. Raises AnnualReport.DoesNotExist
    for a version that is not published, PdfUnavailable when a PDF still
    cannot be made.
    """
    kept = PublishedFile.objects.of_version(year, version, fmt).first()
    if kept is not None:
        return kept
    annual_report = (
        AnnualReport.objects.published()
        .select_related("fiscal_year")
        .get(fiscal_year_id=year, version=version)
    )
    content = exports.render(annual_report.frozen(), fmt)
    try:
        with transaction.atomic():
            return _store(annual_report, fmt, content)
    except IntegrityError:  # someone else kept it a moment ago
        return PublishedFile.objects.of_version(year, version, fmt).get()


@transaction.atomic
def store_year_figures(fiscal_year: FiscalYear) -> YearFigures | None:
    """Store a closed year's roll-up (or drop it for a year that is open).

    Called when a year closes or opens again, when records are loaded into
    a closed year, and when a version of its annual report is published.
    """
    if not fiscal_year.is_closed:
        YearFigures.objects.filter(fiscal_year=fiscal_year).delete()
        return None
    figures = json.dumps(year_figures(fiscal_year), ensure_ascii=False)
    stored, _created = YearFigures.objects.update_or_create(
        fiscal_year=fiscal_year, defaults={"figures": figures}
    )
    return stored


def compose_reminder(
    user, reminders: list[Reminder], *, intro: str = ""
) -> tuple[str, str]:
    """The subject and text of one person's reminder e-mail, in Japanese.

    ``intro`` replaces the nightly reminder's first sentence (a lazy string,
    translated here).
    """
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Iruma DX Portal] %(count)s items are due or waiting") % {
            "count": len(reminders)
        }
        body = render_to_string(
            "evaluation/email/reminder.txt",
            {
                "user": user,
                "reminders": reminders,
                "intro": str(intro),
                "portal_url": settings.PORTAL_URL.rstrip("/"),
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
        )
    return subject, body


@transaction.atomic
def send_reminder(
    user, reminders: list[Reminder], *, today: date, intro: str = ""
) -> ReminderLog:
    """E-mail one person their reminders and record it: at most once a day.

    Raises AlreadyReminded when the person had their reminder today. The
    record is written in the same transaction as the mail is handed over,
    so a mail that fails leaves no record and is tried again next time.
    """
    if ReminderLog.objects.filter(recipient=user, sent_on=today).exists():
        raise AlreadyReminded(user)
    subject, body = compose_reminder(user, reminders, intro=intro)
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                recipient=user,
                sent_on=today,
                email=user.email,
                subject=subject,
                body=body,
            )
    except IntegrityError as error:  # another run reminded them a moment ago
        raise AlreadyReminded(user) from error
    send_mail(subject, body, None, [user.email], fail_silently=False)
    return log


@dataclass
class RemindersSent:
    """Who was reminded of a year's open items, and who was not, and why."""

    sent: list = field(default_factory=list)
    already: list = field(default_factory=list)  # had a reminder today
    no_email: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # the mail server refused


OPEN_ITEMS_INTRO = gettext_lazy(
    "The DX office asks you to finish these items in the Iruma DX Portal: it "
    "is about to move the fiscal year to its next phase."
)


def remind_open_items(fiscal_year: FiscalYear, *, by, today: date) -> RemindersSent:
    """E-mail now everyone who may act on the year's open items.

    The same reminder as ``send_reminders`` sends each night, and the same
    rule: at most one a day per person, so whoever had one today is left out.
    Each person's reminder is recorded on its own, so one refused address
    does not hold back the others.
    """
    _require(roles_of(by).is_dx_office)
    result = RemindersSent()
    for user, reminders in open_item_reminders(summarise(fiscal_year), today):
        if not user.email:
            result.no_email.append(user)
            continue
        try:
            send_reminder(user, reminders, today=today, intro=OPEN_ITEMS_INTRO)
        except AlreadyReminded:
            result.already.append(user)
        except (smtplib.SMTPException, OSError):
            logger.exception("The reminder to %s could not be sent", user)
            result.failed.append(user)
        else:
            result.sent.append(user)
    return result


class AlreadyReminded(Exception):
    def __init__(self, user) -> None:
        super().__init__(f"{user} was already reminded today")
        self.user = user
