"""Uploaded files as staff make them: CSV (any encoding) or xlsx, from dict rows.

The interchange and the staff list are built the same way with their own
header and sheet name (``interchange_helpers``, ``staff_list_helpers``).
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook


def csv_bytes(rows: list[dict], *, header: list[str], encoding: str) -> bytes:
    """A CSV file: the header, then each row's cells in the header's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(name, "") for name in header])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict], *, header: list[str], sheet_title: str) -> bytes:
    """An xlsx file of one sheet: the header, then each row's cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(name, "") for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
