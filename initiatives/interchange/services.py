"""Importing DX points from an interchange file: check every row, then apply all.

``preview_import`` says row by row what would happen (the checks are in
``checks``, in a fixed number of queries whatever the file's size);
``apply_import`` checks again inside one transaction, with the named points
locked, and writes everything in bulk with its history, or nothing at all
when any row is wrong.

What a row may do follows the person's role through the same rules as the
pages (``DxPoint.why_not_create``, ``why_not_edit``, ``why_not_write_report``):
a DXer's rows create drafts of their own
section in the planning phase, change their drafts and returned points, and
write year-end reports in the reporting phase. Rows that change nothing are
fine for anyone who may see the point, so an exported file imports again
with zero changes. Only the DX office, through ``manage.py import_points``,
loads the records of a closed year: approved points with confirmed reports.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AchievementReport, DxPoint, FiscalYear, PointImport
from ..signals import year_figures_changed
from .checks import IMPORT_M2M, RowChecker
from .columns import REPORT_FIELDS
from .files import Table
from .preview import ImportPreview, RowOutcome

BATCH = 500
# Preview pages list this many rows of each kind; the counts are always whole.
PREVIEW_LIMIT = 500
HISTORY_M2M = ("principles", "focus_areas", "design_articles", "technologies")


class ImportRejected(Exception):
    """Nothing was written: rows have errors, or the data changed since the preview."""

    def __init__(self, preview: ImportPreview, *, changed: bool = False) -> None:
        super().__init__("import rejected")
        self.preview = preview
        self.changed = changed


def preview_import(
    *, table: Table, file_name: str, by, load_closed_years: bool = False
) -> ImportPreview:
    """Say what importing ``table`` as ``by`` would do, row by row; write nothing."""
    checker = RowChecker(by=by, load_closed_years=load_closed_years)
    return checker.preview(table, file_name=file_name, lock=False)


@transaction.atomic
def apply_import(
    *,
    table: Table,
    file_name: str,
    by,
    load_closed_years: bool = False,
    expected_digest: str | None = None,
) -> ImportPreview:
    """Import every row of ``table`` in one transaction, or nothing.

    Raises ImportRejected when any row has an error, or when
    ``expected_digest`` (the preview's) no longer matches what would be
    written because someone changed the points in between.
    """
    checker = RowChecker(by=by, load_closed_years=load_closed_years)
    preview = checker.preview(table, file_name=file_name, lock=True)
    if not preview.is_clean:
        raise ImportRejected(preview)
    if expected_digest is not None and preview.digest != expected_digest:
        raise ImportRejected(preview, changed=True)
    _write(preview, by=by, reason=import_reason(file_name))
    for fiscal_year in preview.closed_years():
        year_figures_changed.send(sender=FiscalYear, fiscal_year=fiscal_year)
    return preview


def import_reason(file_name: str) -> str:
    """The history's note on an imported change (it holds 100 characters)."""
    name = file_name if len(file_name) <= 60 else file_name[:59] + "…"
    return (_("imported from the file “%(file)s”") % {"file": name})[:100]


# Uploads kept between the preview and the confirmation --------------------------


@transaction.atomic
def store_upload(*, table: Table, file_name: str, by) -> PointImport:
    """Keep an uploaded file's rows until ``by`` confirms or abandons them.

    A person has one pending upload at a time; uploads nobody confirmed
    within a day are dropped.
    """
    PointImport.objects.stale().delete()
    PointImport.objects.pending_for(by).delete()
    return PointImport.objects.create(
        uploaded_by=by,
        file_name=file_name[:255],
        rows=[[number, cells] for number, cells in table.rows],
        examples=table.examples,
    )


def table_of(upload: PointImport) -> Table:
    return Table(
        rows=[(number, list(cells)) for number, cells in upload.rows],
        examples=upload.examples,
    )


@transaction.atomic
def apply_upload(upload: PointImport, *, by, expected_digest: str) -> ImportPreview:
    """Apply a previewed upload of ``by``, exactly as previewed, and mark it done."""
    upload = PointImport.objects.select_for_update().get(pk=upload.pk, uploaded_by=by)
    if upload.applied_at is not None:
        raise ImportRejected(ImportPreview(file_name=upload.file_name), changed=True)
    preview = apply_import(
        table=table_of(upload),
        file_name=upload.file_name,
        by=by,
        expected_digest=expected_digest,
    )
    upload.applied_at = timezone.now()
    upload.rows = []
    upload.save(update_fields=["applied_at", "rows"])
    return preview


# Writing in bulk ------------------------------------------------------------------


def _write(preview: ImportPreview, *, by, reason: str) -> None:
    """Write what a clean preview shows: points, tags, reports, and their history."""
    now = timezone.now()
    created = [row.point for row in preview.creates]
    DxPoint.objects.bulk_create(created, batch_size=BATCH)
    changed = [row for row in preview.updates if row.point_changed]
    for row in changed:
        row.point.revision += 1
        row.point.updated_at = now
    fields = sorted({name for row in changed for name in row.point_fields})
    if changed:
        DxPoint.objects.bulk_update(
            [row.point for row in changed],
            [*fields, "revision", "updated_at"],
            batch_size=BATCH,
        )
    _write_tags(preview.creates + changed)
    _write_reports(preview, now=now, by=by, reason=reason)
    history = DxPoint.history
    records = history.bulk_history_create(
        created, default_user=by, default_change_reason=reason, default_date=now
    )
    records += history.bulk_history_create(
        [row.point for row in changed],
        update=True,
        default_user=by,
        default_change_reason=reason,
        default_date=now,
    )
    _write_tag_history(records)


def _write_tags(rows: list[RowOutcome]) -> None:
    for name in IMPORT_M2M:
        through = getattr(DxPoint, name).through
        target = f"{getattr(DxPoint, name).field.m2m_reverse_field_name()}_id"
        rows_of = [row for row in rows if name in row.m2m]
        replaced = [row.point.pk for row in rows_of if not row.is_new]
        if replaced:
            through.objects.filter(dxpoint_id__in=replaced).delete()
        through.objects.bulk_create(
            [
                through(dxpoint_id=row.point.pk, **{target: pk})
                for row in rows_of
                for pk in row.m2m[name]
            ],
            batch_size=BATCH,
        )


def _write_tag_history(records: list) -> None:
    """Snapshot each point's tags under its new history record, as saving would."""
    if not records:
        return
    by_point = {record.id: record.history_id for record in records}
    for name in HISTORY_M2M:
        through = getattr(DxPoint, name).through
        target = f"{getattr(DxPoint, name).field.m2m_reverse_field_name()}_id"
        historical = apps.get_model("initiatives", f"HistoricalDxPoint_{name}")
        current = through.objects.filter(dxpoint_id__in=list(by_point)).values_list(
            "id", "dxpoint_id", target
        )
        historical.objects.bulk_create(
            [
                historical(
                    history_id=by_point[point_id],
                    id=row_id,
                    dxpoint_id=point_id,
                    **{target: target_id},
                )
                for row_id, point_id, target_id in current
            ],
            batch_size=BATCH,
        )


def _write_reports(preview: ImportPreview, *, now: datetime, by, reason: str) -> None:
    rows = [row for row in preview.creates + preview.updates if row.report is not None]
    years = FiscalYear.objects.in_bulk({row.point.fiscal_year_id for row in rows})
    for row in rows:
        # The point as the preview holds it (a new one has its id only now),
        # with its year: the level below needs both, without a query a row.
        row.point.fiscal_year = years[row.point.fiscal_year_id]
        row.report.point = row.point
    new = [row.report for row in rows if row.report_is_new]
    changed = [row.report for row in rows if not row.report_is_new]
    for report in changed:
        report.revision += 1
        report.updated_at = now
    # Bulk writes skip save(), which stores the level a report earns and
    # the hours its basis gives.
    for report in new + changed:
        report.level = report.earned_level()
        report.apply_basis()
    AchievementReport.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        AchievementReport.objects.bulk_update(
            changed,
            [*REPORT_FIELDS, "level", "revision", "updated_at"],
            batch_size=BATCH,
        )
    history = AchievementReport.history
    history.bulk_history_create(
        new, default_user=by, default_change_reason=reason, default_date=now
    )
    history.bulk_history_create(
        changed,
        update=True,
        default_user=by,
        default_change_reason=reason,
        default_date=now,
    )
