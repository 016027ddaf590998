"""The annual report (年次報告) of a fiscal year, and the reminders sent by mail.

A fiscal year has numbered versions of its annual report. At most one of
them is a draft, which the DX office edits while the figures are live; the
others are published and frozen: ``snapshot`` holds their figures, texts and
point list as they were at publishing, and nothing changes them afterwards.
A correction is a new version; the earlier one stays readable.
"""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Department, DxPoint, FiscalYear, Phase, Roles

# From the year-end reporting phase on, the DX office may write the draft;
# it publishes once the year is being evaluated (or, as a correction, later).
DRAFT_PHASES = (Phase.REPORTING, Phase.EVALUATION, Phase.CLOSED)
PUBLISH_PHASES = (Phase.EVALUATION, Phase.CLOSED)


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnnualReportQuerySet(models.QuerySet):
    def published(self) -> AnnualReportQuerySet:
        return self.filter(status=AnnualReportStatus.PUBLISHED)

    def drafts(self) -> AnnualReportQuerySet:
        return self.filter(status=AnnualReportStatus.DRAFT)

    def latest_versions(self) -> AnnualReportQuerySet:
        """The newest published version of each fiscal year."""
        later = AnnualReport.objects.published().filter(
            fiscal_year=OuterRef("fiscal_year"), version__gt=OuterRef("version")
        )
        return self.published().exclude(Exists(later))

    def without_contents(self) -> AnnualReportQuerySet:
        """Leave the frozen contents unread: for lists of versions."""
        return self.defer("snapshot", "frozen_points")

    def visible_to(self, roles: Roles) -> AnnualReportQuerySet:
        """Published versions for every member of staff; drafts for the DX office."""
        if roles.is_dx_office:
            return self
        return self.published()


class AnnualReport(models.Model):
    """One version of a fiscal year's annual report: the DX office's analysis."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("fiscal year"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.DRAFT,
    )
    summary = models.TextField(
        _("overall summary"),
        blank=True,
        help_text=_("The DX office's analysis of the year (分析・考察)."),
    )
    highlights = models.ManyToManyField(
        DxPoint,
        blank=True,
        related_name="+",
        verbose_name=_("highlighted points"),
        help_text=_("Good practice other sections can follow (横展開)."),
    )
    # JSON text rather than a JSONField: PostgreSQL's jsonb would reorder the
    # keys, and the exports must keep DESIGN.md's order byte for byte.
    snapshot = models.TextField(
        _("frozen contents"),
        blank=True,
        editable=False,
        help_text=_("Figures and texts as they were when published (JSON)."),
    )
    # The list of every point, frozen apart: the report's pages do not show
    # it, and a year of thousands of points should not be parsed per view.
    frozen_points = models.TextField(
        _("frozen list of points"),
        blank=True,
        editable=False,
        help_text=_("The points and their reports as they were when published (JSON)."),
    )
    # Optimistic locking: a save names the revision it started from.
    revision = models.PositiveIntegerField(default=0, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    history = HistoricalRecords(
        m2m_fields=[highlights],
        excluded_fields=["snapshot", "frozen_points", "updated_at"],
    )
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "version"],
                name="annual_report_version_unique",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=Q(status="draft"),
                name="annual_report_one_draft_per_year",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="annual_report_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", snapshot="", published_at__isnull=True)
                | (Q(status="published", published_at__isnull=False) & ~Q(snapshot="")),
                name="annual_report_published_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Annual report %(year)s, version %(version)s")
            % {"year": self.fiscal_year.label, "version": self.version}
        )

    @property
    def is_published(self) -> bool:
        return self.status == AnnualReportStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == AnnualReportStatus.DRAFT

    def frozen(self, *, with_points: bool = True) -> dict:
        """The contents frozen when this version was published.

        ``with_points=False`` leaves the list of every point out (pages);
        exports need it.
        """
        document = json.loads(self.snapshot)
        document["points"] = json.loads(self.frozen_points) if with_points else []
        return document

    def can_edit(self, roles: Roles) -> bool:
        """Only the DX office writes, and only a draft, from year-end reporting on."""
        return (
            roles.is_dx_office
            and self.is_draft
            and self.fiscal_year.phase in DRAFT_PHASES
        )

    def can_publish(self, roles: Roles) -> bool:
        return (
            roles.is_dx_office
            and self.is_draft
            and self.fiscal_year.phase in PUBLISH_PHASES
        )


class DepartmentComment(models.Model):
    """The DX office's comment on one department's year, in one report version."""

    annual_report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="department_comments",
        verbose_name=_("annual report"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    body = models.TextField(_("comment"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["department__display_order", "department__code"]
        verbose_name = _("comment on a department")
        verbose_name_plural = _("comments on departments")
        constraints = [
            models.UniqueConstraint(
                fields=["annual_report", "department"],
                name="department_comment_once_per_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.body[:40]}"


class ReminderLog(models.Model):
    """A reminder e-mail sent to one person: at most one a day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_on}"


class PublishedFileQuerySet(models.QuerySet):
    def of_version(self, year: int, version: int, fmt: str) -> PublishedFileQuerySet:
        """The stored file of a published version, found from its address alone."""
        return self.filter(
            annual_report__fiscal_year_id=year,
            annual_report__version=version,
            annual_report__status=AnnualReportStatus.PUBLISHED,
            format=fmt,
        )


class PublishedFile(models.Model):
    """One file of a published version (PDF, xlsx, …), written once and kept.

    A published version never changes, so neither do its files: they are
    made when it is published and downloads serve these bytes as they are.
    """

    annual_report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("annual report"),
    )
    format = models.CharField(_("format"), max_length=20)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PublishedFileQuerySet.as_manager()

    class Meta:
        ordering = ["annual_report", "format"]
        verbose_name = _("file of a published version")
        verbose_name_plural = _("files of published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["annual_report", "format"],
                name="published_file_once_per_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.annual_report}: {self.format}"


class YearFigures(models.Model):
    """A closed fiscal year's roll-up, worked out once (when it closed).

    A closed year's points and reports no longer change, so the year-over-
    year table, the trends and the dashboard read these instead of adding
    up every point of every year again. ``evaluation.services
    .store_year_figures`` keeps them true: when a year closes or opens
    again, when records are loaded into it, and when a version of its
    annual report is published.
    """

    fiscal_year = models.OneToOneField(
        FiscalYear,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_figures",
        verbose_name=_("fiscal year"),
    )
    # The roll-up in DESIGN.md's JSON shape, without the header
    # (fiscal_year, label, status, version); text keeps the keys' order.
    figures = models.TextField(_("figures"), editable=False)
    stored_at = models.DateTimeField(_("stored at"), auto_now=True)

    class Meta:
        verbose_name = _("stored figures of a closed year")
        verbose_name_plural = _("stored figures of closed years")

    def __str__(self) -> str:
        return str(self.fiscal_year)

    @property
    def totals(self) -> dict:
        return json.loads(self.figures)["totals"]


# The tables the figures of ``evaluation.rollups`` are worked out from: the
# roll-up, the year-over-year table (which reads closed years' stored
# figures) and the dashboard's progress counts. A database trigger on each
# moves the figures stamp whenever one of their rows is written, whatever
# writes it: a service, the import's bulk writes, the admin or a data
# migration. A test fails if those figures read a table that is not listed
# here, or if a listed table has lost its trigger (tests/evaluation/
# test_figures_stamp.py).
STAMPED_TABLES = (
    "evaluation_yearfigures",
    "initiatives_achievementreport",
    "initiatives_department",
    "initiatives_dxpoint",
    "initiatives_dxpoint_focus_areas",
    "initiatives_dxpoint_principles",
    "initiatives_dxpoint_technologies",
    "initiatives_fiscalyear",
    "initiatives_focusarea",
    "initiatives_nationalplanedition",
    "initiatives_principle",
    "initiatives_section",
    "initiatives_technology",
)


class FiguresStampQuerySet(models.QuerySet):
    def current(self) -> int | None:
        """The stamp the committed data has now, or None when it cannot be known.

        Inside a transaction there is no stamp to trust: on PostgreSQL the
        triggers move it when the transaction commits, so the transaction's
        own writes are not stamped yet. Read-only views that want stored
        figures run outside one (``transaction.non_atomic_requests``).
        """
        if connections[self.db].in_atomic_block:
            return None
        version = self.filter(pk=1).values_list("version", flat=True).first()
        if version is None:
            # The row is gone only on a new or emptied database. It starts
            # at random, so no figures kept before can match it.
            self.bulk_create(
                [FiguresStamp(pk=1, version=secrets.randbits(62))],
                ignore_conflicts=True,
            )
            version = self.filter(pk=1).values_list("version", flat=True).first()
        return version


class FiguresStamp(models.Model):
    """One number that moves whenever data a roll-up reads is written.

    Triggers on ``STAMPED_TABLES`` move it to a new random number (migration
    0007): on PostgreSQL once per transaction, when it commits, in the same
    commit as the data; on SQLite with each row. So a stamp names one state
    of the committed data, and figures kept with a stamp are those of that
    state, even after a backup is restored.
    """

    version = models.BigIntegerField(_("version"))
    # PostgreSQL: the transaction that moved the stamp last, so that its
    # other rows' triggers leave it alone.
    transaction_id = models.BigIntegerField(null=True, editable=False)

    objects = FiguresStampQuerySet.as_manager()

    class Meta:
        verbose_name = _("figures stamp")
        verbose_name_plural = _("figures stamps")

    def __str__(self) -> str:
        return str(self.version)
