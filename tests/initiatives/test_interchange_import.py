"""Importing DX points: round trips, row errors in Japanese, all or nothing, roles."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from initiatives import services
from initiatives.interchange import COLUMNS, read_table
from initiatives.models import AchievementReport, DxPoint, Plan, PointState
from tests.initiatives.interchange_helpers import (
    NEW_ROW,
    csv_file,
    row,
    stored,
    table_of,
    xlsx_file,
)


@pytest.fixture
def year(make_year):
    return make_year(2024)


def export(client, year=2024, file_type="csv") -> bytes:
    response = client.get(
        "/interchange/export/", {"year": year, "file_type": file_type}
    )
    assert response.status_code == 200, response.content[:500]
    return response.content


def plan(rows, user, **kwargs):
    return services.plan_import(
        table=table_of(rows), file_name="points.csv", by=user, **kwargs
    )


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


# Round trips -----------------------------------------------------------------


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_export_then_import_unchanged_is_zero_changes(
    file_type, year, make_year, make_point, people, org, client_as
):
    """Drafts, approved points, reports, tags, plans, formula-like and multi-line text."""
    last_year = make_year(2023, phase="closed")
    plan_row = Plan.objects.create(title="市民サービス向上計画", department=org.shimin)
    make_point(
        year,
        title="=窓口の待ち時間を半分に",
        description="一行目\r\n二行目、「引用」, カンマ\n三行目",
        plan=plan_row,
        business="",
        principles=[1, 2, 5],
        baseline=Decimal("12.50"),
        target=Decimal("-3"),
    )
    make_point(year, indicator_name="", indicator_unit="", baseline=None, target=None)
    make_point(year, state="approved", report={"actual": 50, "state": "draft"})
    make_point(
        last_year,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
        report={"self_level": "B", "hours_saved": Decimal("1200.5"), "state": "confirmed"},
    )
    dxer = client_as("dxer")
    before = stored()
    for fiscal_year in (2024, 2023):
        data = export(dxer, fiscal_year, file_type)
        result = services.apply_import(
            table=read_table(data, file_name=f"export.{file_type}"),
            file_name=f"export.{file_type}",
            by=people.dxer,
        )
        assert errors_of(result) == []
        assert (len(result.creates), len(result.updates)) == (0, 0)
        assert result.unchanged == (3 if fiscal_year == 2024 else 1)
    assert stored() == before


def test_editing_one_cell_changes_exactly_that_with_history(
    year, make_point, people, client_as
):
    point = make_point(year, principles=[1, 3])
    other = make_point(year, title="申請書の電子化")
    workbook = load_workbook(io.BytesIO(export(client_as("dxer"), file_type="xlsx")))
    sheet = workbook.active
    target_column = COLUMNS.index("目標値") + 1
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == point.pk:
            cells[target_column - 1].value = "１，２００"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), file_name="令和6年度_市民課.xlsx")

    preview = services.plan_import(
        table=table, file_name="令和6年度_市民課.xlsx", by=people.dxer
    )
    assert preview.unchanged == 1 and not preview.creates
    [update] = preview.updates
    assert [(c.column, c.old, c.new) for c in update.changes] == [
        ("目標値", "100", "1200")
    ]
    before = stored()
    services.apply_import(table=table, file_name="令和6年度_市民課.xlsx", by=people.dxer)

    point.refresh_from_db()
    other.refresh_from_db()
    assert point.target == Decimal(1200) and point.version == 2
    assert other.version == 1 and other.target == Decimal(100)
    assert set(point.principles.values_list("number", flat=True)) == {1, 3}
    after = stored()
    assert after["initiatives.HistoricalDxPoint"] == (
        before["initiatives.HistoricalDxPoint"] + 1
    )
    record = point.history.order_by("-history_id").first()
    assert record.history_user == people.dxer
    assert record.history_type == "~"
    assert record.history_change_reason == (
        "ファイル「令和6年度_市民課.xlsx」から取り込み"
    )
    previous = record.prev_record
    delta = record.diff_against(previous, excluded_fields=["version", "updated_at"])
    assert [change.field for change in delta.changes] == ["target"]
    # The tags are kept in the history record too, so they do not look removed.
    assert sorted(r.principle.number for r in record.principles.all()) == [1, 3]


def test_dxer_creates_drafts_of_their_section(year, people, org):
    rows = [row(), row(**{"DXポイント": "窓口予約", "心得": "２", "基準値": "１，０００"})]
    before = stored()
    result = services.apply_import(
        table=table_of(rows), file_name="新規.csv", by=people.dxer
    )
    assert len(result.creates) == 2
    first, second = DxPoint.objects.order_by("pk")
    assert first.section == org.shimin_ka and first.state == PointState.DRAFT
    assert first.created_by == people.dxer
    assert sorted(first.principles.values_list("number", flat=True)) == [1, 3]
    assert list(first.focus_areas.values_list("number", flat=True)) == [2]
    assert first.stage == "digitalization"
    assert second.baseline == Decimal(1000)
    after = stored()
    assert after["initiatives.DxPoint"] == before["initiatives.DxPoint"] + 2
    assert after["initiatives.HistoricalDxPoint"] == 2
    record = first.history.get()
    assert record.history_type == "+" and record.history_user == people.dxer
    assert "新規.csv" in record.history_change_reason
    assert sorted(r.principle.number for r in record.principles.all()) == [1, 3]
