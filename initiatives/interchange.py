"""The interchange format of DX points (DESIGN.md "Interchange format").

One row a point, the same columns in the xlsx template, the export and the
import, so that a department can export, edit in Excel and import again.
Headers and values are Japanese whatever the UI language.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from iruma_dx.lib.spreadsheet import read_csv_text

from .models import DxPoint, Stage, achievement_rate
from .models.years import level_for_rate

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


def stage_name(value: str) -> str:
    """The Japanese name of a stage, as the interchange files write it."""
    with translation.override("ja"):
        return str(Stage(value).label)


# What one row reads, straight from the database: an export of thousands of
# points builds no model instances.
ROW_VALUES = (
    "pk",
    "fiscal_year_id",
    "section__department__name",
    "section__name",
    "title",
    "description",
    "plan__title",
    "business",
    "stage",
    "indicator_name",
    "indicator_unit",
    "baseline",
    "target",
    "report__pk",
    "report__actual",
    "report__self_level",
    "report__effect",
    "report__hours_saved",
    "report__next_steps",
    "fiscal_year__level_a_threshold",
    "fiscal_year__level_b_threshold",
    "fiscal_year__level_c_threshold",
)


def point_rows(points: QuerySet[DxPoint]) -> Iterator[list]:
    """The header row, then one row a point (with its report), in COLUMNS order.

    Three queries whatever the number of points: the points with their
    section, plan, report and year, then their principles and focus areas.
    """
    yield COLUMNS
    ids = points.values("pk")
    principles = _joined(
        DxPoint.principles.through.objects.filter(dxpoint__in=ids).order_by(
            "principle__number"
        ),
        "principle__number",
    )
    focus_areas = _joined(
        DxPoint.focus_areas.through.objects.filter(dxpoint__in=ids).order_by(
            "focusarea__number"
        ),
        "focusarea__name",
    )
    stages = {stage.value: stage_name(stage.value) for stage in Stage}
    ordered = points.order_by(
        "fiscal_year_id",
        "section__department__display_order",
        "section__display_order",
        "pk",
    )
    for row in ordered.values(*ROW_VALUES).iterator(chunk_size=2000):
        has_report = row["report__pk"] is not None
        yield [
            row["pk"],
            row["fiscal_year_id"],
            row["section__department__name"],
            row["section__name"],
            row["title"],
            row["description"],
            row["plan__title"] or "",
            row["business"],
            principles.get(row["pk"], ""),
            focus_areas.get(row["pk"], ""),
            stages[row["stage"]],
            row["indicator_name"],
            row["indicator_unit"],
            row["baseline"],
            row["target"],
            row["report__actual"],
            _level(row) if has_report else "",
            row["report__effect"] if has_report else "",
            row["report__hours_saved"],
            row["report__next_steps"] if has_report else "",
        ]


def _joined(through: QuerySet, value: str) -> dict[int, str]:
    """Map each point id to its related values joined with ``;``."""
    joined: dict[int, list[str]] = {}
    for point_id, item in through.values_list("dxpoint_id", value):
        joined.setdefault(point_id, []).append(str(item))
    return {point_id: LIST_SEPARATOR.join(items) for point_id, items in joined.items()}


def _level(row: dict) -> str:
    """The report's level, by the same rule as ``AchievementReport.level``."""
    rate = achievement_rate(row["report__actual"], row["baseline"], row["target"])
    if rate is None:
        return row["report__self_level"]
    return level_for_rate(
        rate,
        row["fiscal_year__level_a_threshold"],
        row["fiscal_year__level_b_threshold"],
        row["fiscal_year__level_c_threshold"],
    )


# The columns of the year-end report; the rest describe the point itself.
REPORT_COLUMNS = ["実績値", "達成度", "効果", "削減時間", "次年度への課題"]
DATA_SHEET = "DXポイント"
# A row whose ID reads 記入例 is the template's example: the import skips it.
EXAMPLE_ID = "記入例"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
# A workbook that unpacks to more than this is refused before it is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
FILE_TYPES = (".xlsx", ".csv")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF8_BOM = b"\xef\xbb\xbf"


class FileRejected(Exception):
    """The file cannot be read as interchange rows; ``messages`` say why."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Table:
    """The data rows of an interchange file, cells as text in COLUMNS order."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    examples: int = 0


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


def read_table(data: bytes, *, file_name: str) -> Table:
    """Read an uploaded xlsx or CSV file into rows; raise FileRejected if it cannot.

    The header row may list the columns in any order; data rows keep their
    row number as the spreadsheet shows it (the header is row 1).
    """
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix not in FILE_TYPES:
        raise FileRejected(
            [
                _(
                    "Choose an xlsx or CSV file (.xlsx or .csv). An old Excel "
                    "file (.xls) must first be saved as .xlsx."
                )
            ]
        )
    if not data:
        raise FileRejected([_("The file is empty.")])
    if len(data) > MAX_FILE_BYTES:
        raise FileRejected(
            [
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
            ]
        )
    raw_rows = _xlsx_rows(data) if suffix == ".xlsx" else _csv_rows(data)
    return _table(raw_rows)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    not_xlsx = _(
        "The file is not a readable xlsx workbook. Open it in Excel and save it "
        "as “Excel Workbook (*.xlsx)” or as CSV."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRejected([str(not_xlsx)]) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRejected(
            [
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A damaged workbook fails in many ways inside openpyxl (zip, XML, keys).
    except Exception as error:
        raise FileRejected([str(not_xlsx)]) from error
    try:
        names = workbook.sheetnames
        sheet = workbook[DATA_SHEET] if DATA_SHEET in names else workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    except FileRejected:
        raise
    except Exception as error:
        raise FileRejected([str(not_xlsx)]) from error
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """The text of an xlsx cell; numbers as Excel shows them (2024, not 2024.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(str(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise FileRejected(
            [_("The file is not a CSV text file. Save it as CSV in Excel.")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [read_csv_text(value) for value in values]
    except csv.Error as error:
        raise FileRejected(
            [
                _("The CSV file is broken near line %(line)s.")
                % {"line": reader.line_num}
            ]
        ) from error


def _decode(data: bytes) -> str:
    """UTF-8 with or without a BOM, else Shift_JIS as Windows writes it (cp932)."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        encodings = ("utf-8",)
    else:
        encodings = ("utf-8", "cp932")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected(
        [
            _(
                "The characters of the file cannot be read. Save it as "
                "“CSV UTF-8” or as CSV in Shift_JIS (cp932)."
            )
        ]
    )


def _table(raw_rows: Iterator[tuple[int, list[str]]]) -> Table:
    header: tuple[int, list[str]] | None = None
    table = Table()
    positions: list[int] = []
    for number, values in raw_rows:
        if not any(value.strip() for value in values):
            continue
        if header is None:
            header = (number, values)
            positions = _column_positions(number, values)
            continue
        if len(table.rows) + table.examples >= MAX_ROWS:
            raise FileRejected(
                [
                    _(
                        "The file has more than %(limit)s rows of data. Split it "
                        "into files of at most %(limit)s rows."
                    )
                    % {"limit": f"{MAX_ROWS:,}"}
                ]
            )
        cells = [values[i] if i < len(values) else "" for i in positions]
        if normalize_key(cells[0]) == EXAMPLE_ID:
            table.examples += 1
            continue
        table.rows.append((number, cells))
    if header is None:
        raise FileRejected([_("The file is empty.")])
    if not table.rows:
        raise FileRejected([_("There are no rows of data under the header row.")])
    return table


def _column_positions(number: int, values: list[str]) -> list[int]:
    """Where each of COLUMNS is in the header row; FileRejected if they differ."""
    found: dict[str, int] = {}
    problems: list[str] = []
    unknown: list[str] = []
    for index, value in enumerate(values):
        name = normalize_key(value).lstrip("\ufeff")
        if not name:
            continue
        if name in found:
            problems.append(
                _("The column “%(name)s” appears twice in the header row.")
                % {"name": name}
            )
        elif name not in COLUMNS:
            unknown.append(name)
        found.setdefault(name, index)
    missing = [name for name in COLUMNS if name not in found]
    if missing:
        problems.append(
            _("Missing columns: %(names)s.") % {"names": "、".join(missing)}
        )
    if unknown:
        problems.append(
            _("Unknown columns: %(names)s.") % {"names": "、".join(unknown)}
        )
    if problems:
        lead = _(
            "Row %(row)s must be the header row of the template, with these "
            "columns: %(columns)s."
        ) % {"row": number, "columns": "、".join(COLUMNS)}
        raise FileRejected([lead, *problems])
    return [found[name] for name in COLUMNS]


# The template ---------------------------------------------------------------------


def template_bytes(
    *,
    example: list,
    principles: list[tuple[int, str]],
    focus_areas: list[tuple[int, str]],
) -> bytes:
    """The xlsx template: the header row, one example row, drop-down lists, a guide.

    The drop-down lists of 段階 and 達成度 refuse other values; the one of 心得
    offers single numbers but accepts a list typed as ``1;3``.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(COLUMNS)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(COLUMNS, start=1):
        wide = name in {
            "DXポイント",
            "内容",
            "計画",
            "事務事業",
            "効果",
            "次年度への課題",
        }
        sheet.column_dimensions[get_column_letter(index)].width = 30 if wide else 12
    _drop_down(
        sheet,
        "心得",
        [str(number) for number, _title in principles],
        strict=False,
        prompt=_("One number, or several separated by ; (for example 1;3)."),
    )
    _drop_down(sheet, "段階", [stage_name(stage.value) for stage in Stage], strict=True)
    _drop_down(
        sheet,
        "達成度",
        ["A", "B", "C", "D"],
        strict=True,
        prompt=_("Only for a point without an indicator."),
    )
    guide = workbook.create_sheet(_("How to fill in")[:31])
    for row in _guide_rows(principles, focus_areas):
        guide.append(row)
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 18
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _drop_down(sheet, column: str, values: list[str], *, strict: bool, prompt=""):
    letter = get_column_letter(COLUMNS.index(column) + 1)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=strict,
        showInputMessage=bool(prompt),
        prompt=str(prompt) or None,
        promptTitle=column if prompt else None,
        error=str(_("Choose a value from the list.")) if strict else None,
        errorTitle=column if strict else None,
    )
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def _guide_rows(principles, focus_areas) -> list[list[str]]:
    required, optional = _("Required"), _("Optional")
    with_indicator = _("With an indicator")
    report = _("Year-end report")
    rows = [
        [_("How to fill in the DX points sheet")],
        [],
        [_("One row is one DX point. Keep the header row (row 1) as it is.")],
        [
            _(
                "Leave ID empty for a new point. A row with an ID (as the export "
                "writes it) changes that point."
            )
        ],
        [
            _(
                "The row whose ID is 記入例 is an example: the import skips it. "
                "You may overwrite or delete it."
            )
        ],
        [_("Numbers may be typed in full-width digits or with commas (１，２００).")],
        [
            _(
                "Save the file as .xlsx, or as CSV (UTF-8 or Shift_JIS), and "
                "upload it on the portal's “Excel import and export” page."
            )
        ],
        [
            _(
                "Nothing is saved while any row has an error: the portal lists "
                "each error with its row, its column and the reason."
            )
        ],
        [
            _(
                "A DXer's rows create or change drafts of their own section. An "
                "approved point changes only after the department head returns it."
            )
        ],
        [],
        [_("Column"), _("Needed"), _("How to write it")],
        [
            "ID",
            optional,
            _("Empty for a new point; the point's number to change it."),
        ],
        ["年度", required, _("2024 or 令和6年度.")],
        ["部", required, _("The department's name as the portal shows it.")],
        ["課", required, _("The section's name as the portal shows it.")],
        ["DXポイント", required, _("The title of the point (200 characters at most).")],
        ["内容", required, _("What will be done.")],
        [
            "計画",
            _("計画 or 事務事業"),
            _("The title of the plan (行政計画) the point belongs to."),
        ],
        [
            "事務事業",
            _("計画 or 事務事業"),
            _("The work the point is about, when no plan covers it."),
        ],
        [
            "心得",
            required,
            _("The numbers of the DX principles, separated by ; (for example 1;3)."),
        ],
        [
            "重点取組事項",
            optional,
            _("Names or numbers of the focus areas, separated by ;."),
        ],
        [
            "段階",
            required,
            "、".join(stage_name(stage.value) for stage in Stage),
        ],
        [
            "指標",
            with_indicator,
            _("The name of a numeric indicator; give its unit, baseline and target."),
        ],
        ["単位", with_indicator, _("For example 件, %, 時間.")],
        ["基準値", with_indicator, _("A number.")],
        ["目標値", with_indicator, _("A number different from the baseline.")],
        ["実績値", report, _("The actual value of the indicator.")],
        [
            "達成度",
            report,
            _("A, B, C or D, for a point without an indicator."),
        ],
        ["効果", report, _("The effect, in words.")],
        ["削減時間", report, _("Staff hours saved per year (0 or more).")],
        ["次年度への課題", report, _("Issues for next year.")],
        [
            "",
            "",
            _(
                "The year-end report columns stay empty until the point is "
                "approved and the year is in the reporting phase."
            ),
        ],
        [],
        [_("DX principles (心得)")],
        *[[str(number), "", title] for number, title in principles],
        [],
        [_("Focus areas (重点取組事項)")],
        *[[str(number), "", name] for number, name in focus_areas],
    ]
    return [[str(cell) for cell in row] for row in rows]


def export_file_name(fiscal_year_label: str, suffix: str, department=None) -> str:
    parts = [DATA_SHEET, fiscal_year_label]
    if department is not None:
        parts.append(department.name)
    return "_".join(parts) + suffix
