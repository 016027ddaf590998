"""Writing CSV and xlsx files that staff open in Excel, safely.

CSV is UTF-8 with a BOM, so Excel opens it as Japanese without asking.
A text cell that begins with = + - @ (or a tab or carriage return) would be
taken by Excel as a formula; such cells are written as text: with a leading
apostrophe in CSV (Excel hides it; ``read_csv_text`` removes it again) and
with the string type in xlsx. Control characters, which xlsx cannot hold,
are left out of xlsx cells.

xlsx files are written with XlsxWriter, which writes a year's points about
twice as fast as openpyxl; openpyxl reads the files people upload.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

import xlsxwriter
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
