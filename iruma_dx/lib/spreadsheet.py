"""Writing CSV and xlsx files that staff open in Excel, safely.

CSV is UTF-8 with a BOM, so Excel opens it as Japanese without asking.
A text cell that begins with = + - @ (or a tab or carriage return) would be
taken by Excel as a formula; such cells are written as text: with a leading
apostrophe in CSV (Excel hides it; ``read_csv_text`` removes it again) and
with the string type in xlsx. Control characters, which xlsx cannot hold,
are left out of xlsx cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_cell(sheet, value: object) -> object:
    """Return a cell for a write-only sheet; formula-like text stays text.

    xlsx cannot hold control characters (other than tab and line breaks);
    they are left out rather than failing the whole file.
    """
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if is_formula_like(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return "" if value is None else value
