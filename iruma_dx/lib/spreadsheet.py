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
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath

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


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Iterable[object]]]]) -> bytes:
    """Return an xlsx workbook with one sheet per (title, rows)."""
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
    for title, rows in sheets:
        sheet = workbook.add_worksheet(title[:31])
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                write_xlsx_cell(sheet, row_number, column, value)
    workbook.close()
    return buffer.getvalue()


def write_xlsx_cell(sheet, row: int, column: int, value: object) -> None:
    """Write one cell: numbers as numbers, anything else as text.

    xlsx cannot hold control characters (other than tab and line breaks);
    they are left out rather than failing the whole file. Line breaks are
    written as Excel writes them in a cell, LF alone (a CR would be stored
    as ``_x000D_``).
    """
    if isinstance(value, Decimal):
        value = plain_number(value)
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        text = str(value).replace("\r\n", "\n").replace("\r", "\n")
        sheet.write_string(row, column, ILLEGAL_CHARACTERS_RE.sub("", text))


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
