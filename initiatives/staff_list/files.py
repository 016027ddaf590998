"""Reading an uploaded staff list into rows of cell texts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from iruma_dx.lib.spreadsheet import FileRejected, header_row, read_rows, table_rows

from .columns import (
    COLUMNS,
    ID_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    NOTES_COLUMN,
    SHEET,
)

__all__ = ["FileRejected", "StaffTable", "read_staff_list"]


@dataclass
class StaffTable:
    """The data rows of a staff list: the person's id, then COLUMNS, as text.

    ``id_column`` is the header that names the person (職員番号 or ユーザー名),
    so that errors name the column the file has.
    """

    id_column: str = ID_COLUMNS[0]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_staff_list(data: bytes, *, file_name: str) -> StaffTable:
    """Read an uploaded xlsx or CSV staff list; raise FileRejected if it cannot.

    The first row that is not blank is the header; its columns may come in
    any order. Blank rows are skipped; the others keep the row number the
    spreadsheet shows.
    """
    rows = read_rows(data, file_name=file_name, max_bytes=MAX_FILE_BYTES, sheet=SHEET)
    return _table(rows)


def _table(raw_rows: Iterator[tuple[int, list[str]]]) -> StaffTable:
    columns, rows = table_rows(raw_rows, max_rows=MAX_ROWS, positions=_column_positions)
    return StaffTable(id_column=columns[0], rows=rows)


def _column_positions(number: int, values: list[str]) -> list[int]:
    """Where the id column and COLUMNS are; FileRejected if unclear."""
    header = header_row(number, values, {*ID_COLUMNS, *COLUMNS, NOTES_COLUMN})
    found, problems = header.found, header.problems
    ids = [name for name in ID_COLUMNS if name in found]
    if len(ids) > 1:
        problems.append(
            _("Name the person in one column: %(columns)s, not both.")
            % {"columns": "、".join(ID_COLUMNS)}
        )
    missing = [name for name in COLUMNS if name not in found]
    if not ids:
        first, second = ID_COLUMNS
        missing.insert(
            0, _("%(first)s (or %(second)s)") % {"first": first, "second": second}
        )
    if missing:
        problems.append(
            _("Missing columns: %(names)s.") % {"names": "、".join(missing)}
        )
    problems += header.unknown_problem()
    if problems:
        lead = _(
            "Row %(row)s must be the header row of the staff list, with these "
            "columns: %(columns)s."
        ) % {"row": number, "columns": "、".join((ID_COLUMNS[0], *COLUMNS))}
        raise FileRejected([lead, *problems])
    return [found[ids[0]], *(found[name] for name in COLUMNS)]
