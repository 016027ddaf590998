"""The interchange format of DX points (DESIGN.md "Interchange format").

One row a point, the same columns in the xlsx template, the export and the
import, so that a department can export, edit in Excel and import again.
Headers and values are Japanese whatever the UI language.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils import translation

from ..models import Stage

COLUMNS = [
    "ID",
    "年度",
    "部",
    "課",
    "DXポイント",
    "内容",
    "計画",
    "事務事業",
    "心得",
    "重点取組事項",
    "段階",
    "指標",
    "単位",
    "基準値",
    "目標値",
    "実績値",
    "達成度",
    "効果",
    "削減時間",
    "次年度への課題",
]
LIST_SEPARATOR = ";"
# The columns of the year-end report; the rest describe the point itself.
REPORT_COLUMNS = ["実績値", "達成度", "効果", "削減時間", "次年度への課題"]
# Model field of a point → its column, in the order the preview lists changes.
POINT_COLUMNS = {
    "title": "DXポイント",
    "description": "内容",
    "plan": "計画",
    "business": "事務事業",
    "principles": "心得",
    "focus_areas": "重点取組事項",
    "stage": "段階",
    "indicator_name": "指標",
    "indicator_unit": "単位",
    "baseline": "基準値",
    "target": "目標値",
}
# Model field of a year-end report → its column.
REPORT_FIELDS = {
    "actual": "実績値",
    "self_level": "達成度",
    "effect": "効果",
    "hours_saved": "削減時間",
    "next_steps": "次年度への課題",
}
DATA_SHEET = "DXポイント"
# A row whose ID reads 記入例 is the template's example: the import skips it.
EXAMPLE_ID = "記入例"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def stage_name(value: str) -> str:
    """The Japanese name of a stage, as the interchange files write it."""
    with translation.override("ja"):
        return str(Stage(value).label)


def normalize_key(value: str) -> str:
    """How names are compared: full-width folded (NFKC), outer spaces removed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def clean_text(value: str | None) -> str:
    """Text as the portal keeps it: one kind of line break, no control characters.

    Excel turns CR LF into LF inside a cell, and xlsx cannot hold control
    characters at all; comparing and saving cleaned text keeps an unchanged
    file from showing changes.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def export_file_name(fiscal_year_label: str, suffix: str, department=None) -> str:
    parts = [DATA_SHEET, fiscal_year_label]
    if department is not None:
        parts.append(department.name)
    return "_".join(parts) + suffix
