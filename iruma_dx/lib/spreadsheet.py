"""Writing CSV and xlsx files that staff open in Excel, safely.

CSV is UTF-8 with a BOM, so Excel opens it as Japanese without asking.
A text cell that begins with = + - @ (or a tab or carriage return) would be
taken by Excel as a formula; such cells are written as text: with a leading
apostrophe in CSV (Excel hides it; ``read_csv_text`` removes it again) and
with the string type in xlsx. Control characters, which xlsx cannot hold,
are left out of xlsx cells.

xlsx files are written with XlsxWriter, which writes a year's points about
twice as fast as openpyxl; openpyxl reads the files people upload
(``read_rows``), which may also be CSV in UTF-8 or Shift_JIS.

A sheet given as a :class:`Sheet` (rather than a plain ``(title, rows)``
pair) prints as it is handed out: fitted column widths (East Asian wide
characters count double), a styled header row that stays frozen and repeats
on every printed page, an autofilter, number formats per column (or per
cell with :class:`Cell`), times in Japan time, and A4 landscape fitted to one
page wide with the page number in the footer. Cells keep their values:
formats change how a number looks, never what it is.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from zoneinfo import ZoneInfo

import xlsxwriter
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain_number(value: Decimal | int | float | None) -> int | float | str:
    """Return a number as Excel should show it: 1200, not 1200.00."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def csv_cell(value: object) -> object:
    """Return a value for a CSV cell; text that looks like a formula is quoted."""
    if is_formula_like(value):
        return "'" + value
    if isinstance(value, Decimal):
        return plain_number(value)
    return "" if value is None else value


def read_csv_text(value: str) -> str:
    """Undo ``csv_cell``: drop the apostrophe that protects a formula-like text."""
    if value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Return rows as CSV, UTF-8 with a BOM."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


# Number formats by name. A rate is kept as the percentage it is (98.3, as in
# the JSON) and shown with a literal "%": the value of the cell stays the
# figure of the report, and Excel's own 0.0% would show 9830.0%.
NUMBER_FORMATS = {
    "integer": "#,##0",
    "code": "0",  # ids and years: no thousands separator
    "decimal": "General",
    "hours": "#,##0.0",
    "rate": '0.0"%"',
    "fte": "0.00",
    "yen": "#,##0",
    "date": "yyyy/mm/dd",
    "datetime": "yyyy/mm/dd hh:mm",
}
JAPAN = ZoneInfo("Asia/Tokyo")
MIN_WIDTH = 6
MAX_WIDTH = 50  # wider text wraps inside the column
WIDTH_SAMPLE_ROWS = 500  # widths are fitted to the header and these rows
HEADER_COLOUR = "#e8f1fe"  # the design system's light blue
BORDER_COLOUR = "#7f7f7f"
A4 = 9  # Excel's paper size number


@dataclass(frozen=True)
class Cell:
    """A value with its own format: a name of NUMBER_FORMATS, or a style.

    Styles: ``title`` (large, bold), ``label`` (bold), ``wrap`` (long text).
    """

    value: object
    format: str = ""


@dataclass
class Sheet:
    """A sheet that prints: see the module's docstring.

    ``formats`` names the number format of a column (its index) for every row
    below the header. ``header_rows`` (0 for a cover sheet) are styled, frozen
    and printed on every page; ``autofilter`` puts filter buttons on the last
    of them. ``header_text`` is printed at the top of every page.
    """

    title: str
    rows: Iterable[Iterable[object]]
    formats: dict[int, str] = field(default_factory=dict)
    header_rows: int = 1
    autofilter: bool = True
    landscape: bool = True
    header_text: str = ""
    freeze_columns: int = 0


def display_width(text: str) -> int:
    """How many half-width characters ``text`` takes: wide characters count 2.

    Ambiguous characters (○, ①, Greek) are wide in Japanese fonts. For a
    text of several lines, the longest line.
    """
    widest = 0
    for line in text.split("\n"):
        line = line[: MAX_WIDTH * 2]  # wider columns are capped anyway
        if line.isascii():
            widest = max(widest, len(line))
            continue
        width = 0
        for char in line:
            width += 2 if unicodedata.east_asian_width(char) in "WFA" else 1
        widest = max(widest, width)
    return widest


def xlsx_bytes(
    sheets: Iterable[Sheet | tuple[str, Iterable[Iterable[object]]]],
) -> bytes:
    """Return an xlsx workbook with one sheet per :class:`Sheet` or (title, rows).

    A plain (title, rows) sheet is written as it is: values only, no styling.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # Text stays text: never read as a formula, a link or a number.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    styles = _Styles(workbook)
    for spec in sheets:
        if isinstance(spec, Sheet):
            _write_sheet(workbook.add_worksheet(spec.title[:31]), spec, styles)
            continue
        title, rows = spec
        sheet = workbook.add_worksheet(title[:31])
        for row_number, row in enumerate(rows):
            _write_plain_row(sheet, row_number, row, write_xlsx_cell)
    workbook.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's cell formats, made once each (Excel limits their number)."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple[str, bool], object] = {}

    def get(self, name: str, *, wrap: bool = False):
        key = (name, wrap)
        if key not in self.made:
            properties: dict[str, object] = {"valign": "top"}
            if name in NUMBER_FORMATS:
                properties["num_format"] = NUMBER_FORMATS[name]
            elif name == "header":
                properties.update(
                    bold=True,
                    bg_color=HEADER_COLOUR,
                    border=1,
                    border_color=BORDER_COLOUR,
                    text_wrap=True,
                    valign="vcenter",
                )
            elif name == "title":
                properties.update(bold=True, font_size=14)
            elif name == "label":
                properties["bold"] = True
            if wrap or name == "wrap":
                properties["text_wrap"] = True
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


def _cell_width(value: object, fmt: str) -> int:
    if isinstance(value, Cell):
        value, fmt = value.value, value.format or fmt
    if value is None or value == "":
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        value = plain_number(value)
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        if fmt in ("hours",):
            return len(f"{value:,.1f}")
        if fmt in ("integer", "yen"):
            return len(f"{value:,.0f}")
        if fmt == "rate":
            return len(f"{value:.1f}%")
        if fmt == "fte":
            return len(f"{value:.2f}")
        return len(str(value))
    return display_width(str(value))


def _write_plain_row(sheet, row_number: int, row: Iterable[object], other) -> None:
    """Write a row of the long tail of a list as fast as can be.

    Text and numbers go straight to the writer (a point list is almost all
    of them); any other value, and text with a character to take out, goes
    to ``other(sheet, row, column, value)``. What is written is what
    :func:`write_xlsx_cell` writes.
    """
    write_string, write_number = sheet.write_string, sheet.write_number
    for column, value in enumerate(row):
        kind = type(value)
        if kind is str:
            if value.isprintable():
                if value:
                    write_string(row_number, column, value)
            else:
                other(sheet, row_number, column, value)
        elif kind is int or kind is float:
            write_number(row_number, column, value)
        elif value is not None:
            other(sheet, row_number, column, value)


def _write_sheet(sheet, spec: Sheet, styles: _Styles) -> None:
    widths: dict[int, int] = {}

    def other(sheet, row: int, column: int, value: object) -> None:
        _write_value(sheet, spec, styles, row, column, value)

    last_row = last_column = -1
    sampled = spec.header_rows + WIDTH_SAMPLE_ROWS
    for row_number, row in enumerate(spec.rows):
        if row_number >= sampled:
            _write_plain_row(sheet, row_number, row, other)
            last_row, last_column = row_number, max(last_column, len(row) - 1)
            continue
        for column, value in enumerate(row):
            if not (isinstance(value, Cell) and value.format == "title"):
                width = _cell_width(value, spec.formats.get(column, ""))
                widths[column] = max(widths.get(column, 0), width)
            _write_value(sheet, spec, styles, row_number, column, value)
            last_column = max(last_column, column)
        last_row = row_number
    for column in range(last_column + 1):
        width = min(MAX_WIDTH, max(MIN_WIDTH, widths.get(column, 0) + 2))
        wrap = widths.get(column, 0) + 2 > MAX_WIDTH
        fmt = spec.formats.get(column, "")
        sheet.set_column(column, column, width, styles.get(fmt, wrap=wrap))
    _print_setup(sheet, spec, last_row, last_column)


def _write_value(sheet, spec: Sheet, styles: _Styles, row: int, column: int, value):
    """One cell of a :class:`Sheet`: header style, a Cell's own, or a date's."""
    style = None
    if isinstance(value, Cell):
        style = styles.get(value.format) if value.format else None
        value = value.value
    if row < spec.header_rows:
        style = styles.get("header")
    elif style is None and isinstance(value, date):
        # Excel shows a bare date as a serial number.
        kind = "datetime" if isinstance(value, datetime) else "date"
        style = styles.get(spec.formats.get(column) or kind)
    write_xlsx_cell(sheet, row, column, value, style)


def _print_setup(sheet, spec: Sheet, last_row: int, last_column: int) -> None:
    """A4, fitted to one page wide, the header rows on every page, page numbers."""
    sheet.set_paper(A4)
    if spec.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_footer("&C&P / &N")
    if spec.header_text:
        sheet.set_header("&L" + spec.header_text.replace("&", "&&") + "&R&A")
    if spec.header_rows:
        sheet.freeze_panes(spec.header_rows, spec.freeze_columns)
        sheet.repeat_rows(0, spec.header_rows - 1)
        if spec.autofilter and last_column >= 0:
            sheet.autofilter(
                spec.header_rows - 1,
                0,
                max(last_row, spec.header_rows - 1),
                last_column,
            )


def write_xlsx_cell(sheet, row: int, column: int, value: object, style=None) -> None:
    """Write one cell: numbers as numbers, anything else as text.

    xlsx cannot hold control characters (other than tab and line breaks);
    they are left out rather than failing the whole file. Line breaks are
    written as Excel writes them in a cell, LF alone (a CR would be stored
    as ``_x000D_``). ``style`` is an XlsxWriter format for this cell; with
    one, a date or datetime is written as Excel's date, a datetime in Japan
    time (Excel's times have no zone).
    """
    if isinstance(value, Decimal):
        value = plain_number(value)
    if value is None or value == "":
        if style is not None:
            sheet.write_blank(row, column, None, style)
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, style)
    elif isinstance(value, date) and style is not None:
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(JAPAN).replace(tzinfo=None)
        sheet.write_datetime(row, column, value, style)
    else:
        sheet.write_string(row, column, _xlsx_text(value), style)


def _xlsx_text(value: object) -> str:
    """``value`` as text an xlsx cell can hold: LF line breaks, no control
    characters (Excel's own line break in a cell is LF alone)."""
    text = str(value)
    if text.isprintable():  # no line break, tab or control character
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


# Reading the files people upload -------------------------------------------------

# A workbook that unpacks to more than this is refused before it is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
FILE_TYPES = (".xlsx", ".csv")
_UTF8_BOM = b"\xef\xbb\xbf"


class FileRejected(Exception):
    """The file cannot be read as rows of a table; ``messages`` say why."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def too_large(limit_bytes: int) -> str:
    return _("The file is larger than %(limit)s MB. Split it into smaller files.") % {
        "limit": limit_bytes // (1024 * 1024)
    }


def read_rows(
    data: bytes, *, file_name: str, max_bytes: int, sheet: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cell texts) of an uploaded xlsx or CSV file.

    Row numbers are those the spreadsheet shows (the first row is 1). An
    xlsx file is read from ``sheet`` when it has one, else from its first
    sheet; a CSV file may be UTF-8 with or without a BOM, or Shift_JIS as
    Windows writes it (cp932). Raises FileRejected when it cannot be read.
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
    if len(data) > max_bytes:
        raise FileRejected([too_large(max_bytes)])
    if suffix == ".xlsx":
        return _xlsx_rows(data, sheet)
    return _csv_rows(data)


def column_name(value: str) -> str:
    """A header cell as a column name: full-width folded (NFKC), no BOM, trimmed."""
    return unicodedata.normalize("NFKC", value or "").lstrip(BOM).strip()


@dataclass
class HeaderRow:
    """Where each column of a header row is, and what is wrong with it.

    ``problems`` name the columns that appear twice; ``unknown`` those not in
    the format. A reader adds its own (missing columns) and raises
    FileRejected with them.
    """

    number: int
    found: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def unknown_problem(self) -> list[str]:
        if not self.unknown:
            return []
        return [_("Unknown columns: %(names)s.") % {"names": "、".join(self.unknown)}]


def header_row(number: int, values: list[str], known: Collection[str]) -> HeaderRow:
    """Read a header row against the columns a format ``known`` has."""
    header = HeaderRow(number)
    for index, value in enumerate(values):
        name = column_name(value)
        if not name:
            continue
        if name in header.found:
            header.problems.append(
                _("The column “%(name)s” appears twice in the header row.")
                % {"name": name}
            )
        elif name not in known:
            header.unknown.append(name)
        header.found.setdefault(name, index)
    return header


def table_rows(
    raw_rows: Iterable[tuple[int, list[str]]],
    *,
    max_rows: int,
    positions: Callable[[int, list[str]], list[int]],
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header's column names and the data rows, cells in ``positions`` order.

    Blank rows are skipped; the first row left is the header, which
    ``positions(number, values)`` reads into the index of each column it
    wants (raising FileRejected when the header is wrong). Raises
    FileRejected when there is no header, no data or more than ``max_rows``
    rows of it.
    """
    columns: list[str] | None = None
    wanted: list[int] = []
    rows: list[tuple[int, list[str]]] = []
    for number, values in raw_rows:
        if not any(value.strip() for value in values):
            continue
        if columns is None:
            wanted = positions(number, values)
            columns = [column_name(values[i]) for i in wanted]
            continue
        if len(rows) >= max_rows:
            raise FileRejected(
                [
                    _(
                        "The file has more than %(limit)s rows of data. Split it "
                        "into files of at most %(limit)s rows."
                    )
                    % {"limit": f"{max_rows:,}"}
                ]
            )
        rows.append((number, [values[i] if i < len(values) else "" for i in wanted]))
    if columns is None:
        raise FileRejected([_("The file is empty.")])
    if not rows:
        raise FileRejected([_("There are no rows of data under the header row.")])
    return columns, rows


def _xlsx_rows(data: bytes, sheet_name: str | None) -> Iterator[tuple[int, list[str]]]:
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
        raise FileRejected([too_large(MAX_UNPACKED_BYTES)])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A damaged workbook fails in many ways inside openpyxl (zip, XML, keys).
    except Exception as error:
        raise FileRejected([str(not_xlsx)]) from error
    try:
        names = workbook.sheetnames
        sheet = workbook[sheet_name] if sheet_name in names else workbook.worksheets[0]
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
