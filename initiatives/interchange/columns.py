"""The interchange format of DX points (DESIGN.md "Interchange format").

One row a point, the same columns in the xlsx template, the export and the
import, so that a department can export, edit in Excel and import again.
Headers and values are Japanese whatever the UI language.

``COLUMNS`` are those of the first version of the format, which every file
has; ``SECOND_VERSION_COLUMNS`` follow them since the second version. A file
without the second version's columns (every file made with the first)
imports exactly as before: what those columns hold is left as it is.
Exports and the template always write ``ALL_COLUMNS``.
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
# Since the second version of the format, in DESIGN.md's order.
SECOND_VERSION_COLUMNS = [
    "要因分析",
    "今後の方向性",
    "削減時間の根拠",
    "年間件数",
    "1件あたり削減分",
    "導入前時間",
    "導入後時間",
    "技術",
    "導入状況",
]
ALL_COLUMNS = COLUMNS + SECOND_VERSION_COLUMNS
LIST_SEPARATOR = ";"
# The columns of the year-end report; the rest describe the point itself.
REPORT_COLUMNS = ["実績値", "達成度", "効果", "削減時間", "次年度への課題"]
SECOND_REPORT_COLUMNS = SECOND_VERSION_COLUMNS[:7]
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
    "technologies": "技術",
    "technology_status": "導入状況",
}
# Model field of a year-end report → its column.
REPORT_FIELDS = {
    "actual": "実績値",
    "self_level": "達成度",
    "effect": "効果",
    "hours_saved": "削減時間",
    "next_steps": "次年度への課題",
    "analysis": "要因分析",
    "direction": "今後の方向性",
    "hours_basis": "削減時間の根拠",
    "annual_cases": "年間件数",
    "minutes_per_case": "1件あたり削減分",
    "hours_before": "導入前時間",
    "hours_after": "導入後時間",
}
# The words the format writes for coded values (the codes are read too).
NOT_ASSESSED_NAME = "評価不能"
DIRECTION_NAMES = {
    "expand": "拡充",
    "continue": "継続",
    "improve": "改善",
    "complete": "完了",
    "merge": "統合",
    "abolish": "廃止",
}
BASIS_NAMES = {"cases": "件数×分", "before_after": "前後比較", "direct": "直接入力"}
STATUS_NAMES = {
    "introduced": "導入済み",
    "trial": "実証中",
    "planned": "導入予定",
    "considering": "導入検討中",
    "dropped": "検討したが至らず",
    "none": "予定なし",
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


def level_name(level: str) -> str:
    """達成度 as the format writes it: A–D, or 評価不能."""
    return NOT_ASSESSED_NAME if level == "na" else level


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


def code_of(text: str, names: dict[str, str]) -> str | None:
    """The code a cell names by its Japanese word or by the code itself."""
    wanted = normalize_key(text).casefold()
    for code, name in names.items():
        if wanted in (code, normalize_key(name).casefold()):
            return code
    return None


def export_file_name(fiscal_year_label: str, suffix: str, department=None) -> str:
    parts = [DATA_SHEET, fiscal_year_label]
    if department is not None:
        parts.append(department.name)
    return "_".join(parts) + suffix
