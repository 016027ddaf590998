"""The year's work: DX points, their review, year-end reports and comments.

Every write checks the same rules as the pages (the model's ``can_*``
methods), records who did it in the history, and tells the DXer when the
head approved, confirmed or returned something.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import BooleanField, Case, Q, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import (
    GOING_ON,
    NOT_ASSESSED,
    AchievementReport,
    Assignment,
    Comment,
    CommentKind,
    DxPoint,
    FiscalYear,
    FocusArea,
    Notification,
    PhaseNotice,
    PointState,
    ReportState,
    Role,
    Section,
    StaleEdit,
    roles_of,
)

POINT_M2M = ("principles", "focus_areas", "design_articles", "technologies")
# Notification.message holds this many characters.
NOTICE_LENGTH = 300


def _record(instance, by, reason: str = "") -> None:
    """Say who made the next history entry of ``instance``, and why."""
    instance._history_user = by
    if reason:
        instance._change_reason = reason


def _save_point(point: DxPoint, *, by, reason: str, m2m: dict | None = None) -> None:
    """Save a point with its many-to-many fields as one history entry."""
    if not m2m:
        _record(point, by, reason)
        point.save()
        return
    point.skip_history_when_saving = True
    try:
        point.save()
        for name, values in m2m.items():
            getattr(point, name).set(values)
    finally:
        del point.skip_history_when_saving
    _record(point, by, reason)
    point.save(update_fields=["updated_at"])


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _allow_new_points(fiscal_year: FiscalYear, section: Section, *, by) -> None:
    """Refuse another section's DXer (403) and a year not in planning (a message)."""
    roles = roles_of(by)
    _require(section.pk in roles.section_ids)
    reason = DxPoint.why_not_create(fiscal_year, section, roles)
    if reason is not None:
        raise ValidationError(reason)


def _is_late(due) -> bool:
    return timezone.localdate() > due


def _locked_point(point: DxPoint) -> DxPoint:
    """The point as it is now, locked until the transaction ends."""
    return (
        DxPoint.objects.select_for_update()
        .select_related("fiscal_year", "section__department")
        .get(pk=point.pk)
    )


def _locked_report(report: AchievementReport) -> AchievementReport:
    return (
        AchievementReport.objects.select_for_update()
        .select_related("point__fiscal_year", "point__section__department")
        .get(pk=report.pk)
    )


def _mark_submitted(item: DxPoint | AchievementReport, *, state: str, due, by) -> None:
    """Send a point or report to the head; after ``due`` it is marked late."""
    item.state = state
    item.submitted_at = timezone.now()
    item.is_late = _is_late(due)
    item.revision += 1
    _record(item, by, _("submitted"))
    item.save(
        update_fields=["state", "submitted_at", "is_late", "revision", "updated_at"]
    )


def _mark_reviewed(
    item: DxPoint | AchievementReport, *, state: str, by, reason
) -> None:
    """Record the head's decision on a point or report."""
    item.state = state
    item.reviewed_at = timezone.now()
    item.reviewed_by = by
    item.revision += 1
    _record(item, by, reason)
    item.save(
        update_fields=["state", "reviewed_at", "reviewed_by", "revision", "updated_at"]
    )


def _each(items, allowed, action, *, by) -> int:
    """Apply ``action`` to each item ``by`` is allowed to act on; return how many."""
    roles = roles_of(by)
    count = 0
    for item in items:
        if allowed(item, roles):
            action(item, by=by)
            count += 1
    return count


# Points -------------------------------------------------------------------


@transaction.atomic
def create_point(
    *,
    fiscal_year: FiscalYear,
    section: Section,
    fields: dict,
    m2m: dict,
    by,
    submit: bool = False,
) -> DxPoint:
    """Create a draft point of ``section`` in the planning phase of the year.

    With ``submit``, send it to the head as well: both or neither.
    """
    _allow_new_points(fiscal_year, section, by=by)
    point = DxPoint(fiscal_year=fiscal_year, section=section, created_by=by, **fields)
    point.full_clean()
    _save_point(point, by=by, reason=_("created"), m2m=m2m)
    if submit:
        point = submit_point(point, by=by)
    return point


@transaction.atomic
def update_point(
    point: DxPoint,
    *,
    fields: dict,
    m2m: dict,
    revision: int,
    by,
    submit: bool = False,
) -> DxPoint:
    """Save the DXer's changes; refuse them if someone saved in between.

    Raises StaleEdit (with the point as it is now) when ``revision`` is not
    the revision the editor loaded, so the second save never overwrites the
    first. With ``submit``, send the saved point to the head as well.
    """
    current = _locked_point(point)
    if current.revision != revision:
        raise StaleEdit(current)
    _require(current.can_edit(roles_of(by)))
    for name, value in fields.items():
        setattr(current, name, value)
    current.revision += 1
    current.full_clean()
    _save_point(current, by=by, reason=_("edited"), m2m=m2m)
    if submit:
        current = submit_point(current, by=by)
    return current


@transaction.atomic
def submit_point(point: DxPoint, *, by) -> DxPoint:
    """Send a point to the department head; mark it late after the deadline."""
    point = _locked_point(point)
    _require(point.can_submit(roles_of(by)))
    _mark_submitted(
        point, state=PointState.SUBMITTED, due=point.fiscal_year.target_deadline, by=by
    )
    return point


def submit_points(points: Iterable[DxPoint], *, by) -> int:
    """Submit every point ``by`` may submit; return how many went."""
    return _each(points, DxPoint.can_submit, submit_point, by=by)


def _mark_withdrawn(item: DxPoint | AchievementReport, *, state: str, by) -> None:
    """Take a submission back: a draft again, as if it had never been sent."""
    item.state = state
    item.submitted_at = None
    item.is_late = False
    item.revision += 1
    _record(item, by, _("withdrawn"))
    item.save(
        update_fields=["state", "submitted_at", "is_late", "revision", "updated_at"]
    )


def _allow_withdrawal(item: DxPoint | AchievementReport, point: DxPoint, by) -> None:
    """Refuse others (403); explain a head's decision or the phase (a message)."""
    roles = roles_of(by)
    _require(point.is_own(roles))
    reason = item.why_not_withdraw(roles)
    if reason is not None:
        raise ValidationError(reason)


@transaction.atomic
def withdraw_point(point: DxPoint, *, by) -> DxPoint:
    """Take a submitted point back as a draft (取り下げ); tell the head.

    Only until the head acts on it: a point approved or returned meanwhile
    is refused with the reason.
    """
    point = _locked_point(point)
    _allow_withdrawal(point, point, by)
    _mark_withdrawn(point, state=PointState.DRAFT, by=by)
    _notify(
        point,
        _(
            "%(year)s: %(who)s withdrew the DX point “%(title)s”; it no longer "
            "waits for your review."
        ),
        by=by,
        to_heads=True,
    )
    return point


@transaction.atomic
def delete_point(point: DxPoint, *, by) -> None:
    """Delete a draft (its history keeps a record of it)."""
    _require(point.can_delete(roles_of(by)))
    _record(point, by, _("deleted"))
    point.delete()


@transaction.atomic
def approve_point(point: DxPoint, *, by) -> DxPoint:
    point = _locked_point(point)
    _require(point.can_approve(roles_of(by)))
    _mark_reviewed(point, state=PointState.APPROVED, by=by, reason=_("approved"))
    _notify(
        point, _("%(year)s: your DX point “%(title)s” was approved by %(who)s."), by=by
    )
    return point


def approve_points(points: Iterable[DxPoint], *, by) -> int:
    return _each(points, DxPoint.can_approve, approve_point, by=by)


@transaction.atomic
def return_point(point: DxPoint, *, comment: str, by) -> DxPoint:
    """Send a point back to the DXer with the head's comment (required)."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the point goes back.")})
    point = _locked_point(point)
    _require(point.can_return(roles_of(by)))
    _mark_reviewed(point, state=PointState.RETURNED, by=by, reason=_("returned"))
    _comment(point, body=comment.strip(), kind=CommentKind.RETURN_POINT, by=by)
    _notify(
        point,
        _("%(year)s: your DX point “%(title)s” was returned by %(who)s."),
        by=by,
        comment=comment.strip(),
    )
    return point


def carry_forward_candidates(section: Section, to_year: FiscalYear):
    """Last year's approved points of the section (or its predecessors) below level A.

    Points already carried into ``to_year`` are left out. Those whose report
    says the work goes on (今後の方向性 拡充, 継続 or 改善) come first
    (``goes_on``), then the others, each group in the points' order.
    """
    return (
        DxPoint.objects.with_confirmed_level()
        .filter(
            section_id__in=section.lineage_ids(),
            fiscal_year__year=to_year.year - 1,
            state=PointState.APPROVED,
        )
        # No confirmed report yet (level NULL) counts as not reaching A;
        # neither does 評価不能.
        .filter(Q(level__isnull=True) | Q(level__in=["B", "C", "D", NOT_ASSESSED]))
        .exclude(carried_to__fiscal_year=to_year)
        .annotate(
            goes_on=Case(
                When(report__direction__in=GOING_ON, then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
        .select_related("fiscal_year", "report", "plan")
        .prefetch_related("principles")
        .order_by("-goes_on", *DxPoint._meta.ordering)
    )


@transaction.atomic
def carry_forward(
    points: Iterable[DxPoint], *, to_year: FiscalYear, section: Section, by
) -> list[DxPoint]:
    """Copy unfinished points into a new year as drafts that link to their origin.

    Where the head confirmed last year's report with an actual value, it
    becomes the new baseline: the work goes on from where it stood
    (ワンスオンリー). A report not confirmed (a draft, or one the head
    returned) is no result yet: the origin's baseline stays.
    """
    _allow_new_points(to_year, section, by=by)
    allowed = {point.pk for point in carry_forward_candidates(section, to_year)}
    copies = []
    for origin in points:
        if origin.pk not in allowed:
            raise PermissionDenied
        baseline = origin.baseline
        report = origin.confirmed_report
        if (
            report is not None
            and report.actual is not None
            and report.actual != origin.target
        ):
            baseline = report.actual
        copy = DxPoint(
            fiscal_year=to_year,
            section=section,
            title=origin.title,
            description=origin.description,
            plan=origin.plan,
            business=origin.business,
            leading_project=origin.leading_project,
            stage=origin.stage,
            indicator_name=origin.indicator_name,
            indicator_unit=origin.indicator_unit,
            baseline=baseline,
            target=origin.target,
            technology_status=origin.technology_status,
            carried_from=origin,
            created_by=by,
        )
        m2m = {name: list(getattr(origin, name).all()) for name in POINT_M2M}
        # The new year may tag from another edition of the national plan.
        m2m["focus_areas"] = FocusArea.objects.same_in_edition(
            m2m["focus_areas"], to_year.focus_area_edition_id
        )
        _save_point(copy, by=by, reason=_("carried forward"), m2m=m2m)
        copies.append(copy)
    return copies


# Year-end reports -------------------------------------------------------------


@transaction.atomic
def save_report(
    point: DxPoint, *, fields: dict, revision: int | None, by
) -> AchievementReport:
    """Create or update the report of an approved point (optimistic locking)."""
    point = DxPoint.objects.select_related("fiscal_year", "section").get(pk=point.pk)
    roles = roles_of(by)
    report = AchievementReport.objects.select_for_update().filter(point=point).first()
    if report is None:
        _require(point.can_write_report(roles))
        report = AchievementReport(point=point)
    else:
        if revision is not None and report.revision != revision:
            raise StaleEdit(report)
        _require(report.can_edit(roles))
        report.revision += 1
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    _record(report, by, _("edited"))
    report.save()
    return report


@transaction.atomic
def submit_report(report: AchievementReport, *, by) -> AchievementReport:
    report = _locked_report(report)
    _require(report.can_submit(roles_of(by)))
    report.full_clean()
    _mark_submitted(
        report,
        state=ReportState.SUBMITTED,
        due=report.point.fiscal_year.report_deadline,
        by=by,
    )
    return report


@transaction.atomic
def withdraw_report(report: AchievementReport, *, by) -> AchievementReport:
    """Take a submitted year-end report back as a draft (取り下げ); tell the head."""
    report = _locked_report(report)
    _allow_withdrawal(report, report.point, by)
    _mark_withdrawn(report, state=ReportState.DRAFT, by=by)
    _notify(
        report.point,
        _(
            "%(year)s: %(who)s withdrew the year-end report of “%(title)s”; it "
            "no longer waits for your confirmation."
        ),
        by=by,
        to_heads=True,
    )
    return report


@transaction.atomic
def confirm_report(report: AchievementReport, *, by) -> AchievementReport:
    report = _locked_report(report)
    _require(report.can_confirm(roles_of(by)))
    _mark_reviewed(report, state=ReportState.CONFIRMED, by=by, reason=_("confirmed"))
    _notify(
        report.point,
        _("%(year)s: the year-end report of “%(title)s” was confirmed by %(who)s."),
        by=by,
    )
    return report


def confirm_reports(reports: Iterable[AchievementReport], *, by) -> int:
    return _each(reports, AchievementReport.can_confirm, confirm_report, by=by)


@transaction.atomic
def return_report(report: AchievementReport, *, comment: str, by) -> AchievementReport:
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the report goes back.")})
    report = _locked_report(report)
    _require(report.can_return(roles_of(by)))
    _mark_reviewed(report, state=ReportState.RETURNED, by=by, reason=_("returned"))
    _comment(report.point, body=comment.strip(), kind=CommentKind.RETURN_REPORT, by=by)
    _notify(
        report.point,
        _("%(year)s: the year-end report of “%(title)s” was returned by %(who)s."),
        by=by,
        comment=comment.strip(),
    )
    return report


# Comments and notifications ---------------------------------------------------------


@transaction.atomic
def add_comment(point: DxPoint, *, body: str, by) -> Comment:
    _require(point.can_comment(roles_of(by)))
    if not body.strip():
        raise ValidationError({"body": _("Write the comment.")})
    return _comment(point, body=body.strip(), kind=CommentKind.COMMENT, by=by)


def _comment(point: DxPoint, *, body: str, kind: str, by) -> Comment:
    comment = Comment(point=point, author=by, kind=kind, body=body)
    _record(comment, by)
    comment.save()
    return comment


def _notify(
    point: DxPoint, message: str, *, by, comment: str = "", to_heads: bool = False
) -> None:
    """Tell the section's DXers (or its department's heads), on their home page
    and by e-mail.

    ``message`` names the point's year, its title and who acted; the notice
    adds the comment (shortened to fit), the e-mail the whole comment and
    the link to the point.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message) % {
            "year": point.fiscal_year.label,
            "title": point.title,
            "who": by,
        }
        subject = f"[{_('Iruma DX Portal')}] {text}"
        said = _("Comment from %(who)s:") % {"who": by}
    link = settings.PORTAL_URL.rstrip("/") + reverse(
        "initiatives:point", args=[point.pk]
    )
    parts = [text, f"{said}\n{comment}", link] if comment else [text, link]
    body = "\n\n".join(parts) + "\n"
    notice = f"{text} {said} {comment}" if comment else text
    if len(notice) > NOTICE_LENGTH:
        notice = notice[: NOTICE_LENGTH - 1] + "…"
    for user in _recipients(point, Role.HEAD if to_heads else Role.DXER):
        Notification.objects.create(recipient=user, point=point, message=notice)
        if user.email:
            transaction.on_commit(
                lambda user=user: send_mail(
                    subject, body, None, [user.email], fail_silently=True
                )
            )


def _recipients(point: DxPoint, role: str) -> list:
    """The active holders of ``role`` for the point: its DXers or its heads."""
    unit = (
        {"department": point.section.department_id}
        if role == Role.HEAD
        else {"section": point.section_id}
    )
    return [
        assignment.user
        for assignment in Assignment.objects.active_this_year()
        .filter(role=role, user__is_active=True, **unit)
        .select_related("user")
    ]


@transaction.atomic
def mark_notifications_read(user) -> int:
    """Mark every notice of ``user`` read: point notices and phase notices."""
    now = timezone.now()
    return Notification.objects.unread_for(user).update(
        read_at=now
    ) + PhaseNotice.objects.unread_for(user).update(read_at=now)
