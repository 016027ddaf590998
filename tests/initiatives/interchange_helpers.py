"""Building interchange files for the import tests, and counting what is stored."""

from __future__ import annotations

from django.apps import apps

from initiatives.interchange import COLUMNS, read_table
from tests.initiatives.upload_files import csv_bytes, xlsx_bytes

# A new point of 市民課 (the ``dxer``'s section) in 令和6年度.
NEW_ROW = {
    "ID": "",
    "年度": "2024",
    "部": "市民生活部",
    "課": "市民課",
    "DXポイント": "証明書のコンビニ交付",
    "内容": "住民票の写しをコンビニで受け取れるようにする。",
    "計画": "",
    "事務事業": "証明書の交付",
    "心得": "1;3",
    "重点取組事項": "マイナンバーカードの普及促進",
    "段階": "デジタライゼーション",
    "指標": "コンビニ交付の割合",
    "単位": "%",
    "基準値": "5",
    "目標値": "30",
    "実績値": "",
    "達成度": "",
    "効果": "",
    "削減時間": "",
    "次年度への課題": "",
}


def row(**changes: str) -> dict[str, str]:
    """A row of NEW_ROW with some cells changed (keyword names are the columns)."""
    return {**NEW_ROW, **changes}


def csv_file(
    rows: list[dict], *, encoding: str = "utf-8-sig", header: list[str] = COLUMNS
) -> bytes:
    return csv_bytes(rows, header=header, encoding=encoding)


def xlsx_file(rows: list[dict], *, header: list[str] = COLUMNS) -> bytes:
    return xlsx_bytes(rows, header=header, sheet_title="DXポイント")


def table_of(rows: list[dict]):
    return read_table(csv_file(rows), file_name="points.csv")


STORED = (
    "initiatives.DxPoint",
    "initiatives.AchievementReport",
    "initiatives.HistoricalDxPoint",
    "initiatives.HistoricalAchievementReport",
    "initiatives.HistoricalDxPoint_principles",
    "initiatives.HistoricalDxPoint_focus_areas",
)


def stored() -> dict[str, int]:
    """How many rows each table of points, reports, tags and history holds."""
    counts = {name: apps.get_model(name).objects.count() for name in STORED}
    point = apps.get_model("initiatives.DxPoint")
    counts["principles"] = point.principles.through.objects.count()
    counts["focus_areas"] = point.focus_areas.through.objects.count()
    return counts
