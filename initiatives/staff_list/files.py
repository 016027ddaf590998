"""Reading an uploaded staff list into rows of cell texts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from iruma_dx.lib.spreadsheet import FileRejected, read_rows

from .columns import (
    COLUMNS,
    ID_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    NOTES_COLUMN,
    SHEET,
    normalize_key,
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
    table: StaffTable | None = None
    positions: list[int] = []
    for number, values in raw_rows:
        if not any(value.strip() for value in values):
            continue
        if table is None:
            id_column, positions = _column_positions(number, values)
            table = StaffTable(id_column=id_column)
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileRejected(
                [
                    _(
                        "The file has more than %(limit)s rows of data. Split it "
                        "into files of at most %(limit)s rows."
                    )
                    % {"limit": f"{MAX_ROWS:,}"}
                ]
            )
        table.rows.append(
            (number, [values[i] if i < len(values) else "" for i in positions])
        )
    if table is None:
        raise FileRejected([_("The file is empty.")])
    if not table.rows:
        raise FileRejected([_("There are no rows of data under the header row.")])
    return table


def _column_positions(number: int, values: list[str]) -> tuple[str, list[int]]:
    """The id column's name and where it and COLUMNS are; FileRejected if unclear."""
    found: dict[str, int] = {}
    problems: list[str] = []
    unknown: list[str] = []
    known = {*ID_COLUMNS, *COLUMNS, NOTES_COLUMN}
    for index, value in enumerate(values):
        name = normalize_key(value).lstrip("\ufeff")
        if not name:
            continue
        if name in found:
            problems.append(
                _("The column “%(name)s” appears twice in the header row.")
                % {"name": name}
            )
        elif name not in known:
            unknown.append(name)
        found.setdefault(name, index)
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
    if unknown:
        problems.append(
            _("Unknown columns: %(names)s.") % {"names": "、".join(unknown)}
        )
    if problems:
        lead = _(
            "Row %(row)s must be the header row of the staff list, with these "
            "columns: %(columns)s."
        ) % {"row": number, "columns": "、".join((ID_COLUMNS[0], *COLUMNS))}
        raise FileRejected([lead, *problems])
    id_column = ids[0]
    return id_column, [found[id_column], *(found[name] for name in COLUMNS)]
