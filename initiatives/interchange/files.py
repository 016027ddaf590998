"""Reading an uploaded interchange file into rows of cell texts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from iruma_dx.lib.spreadsheet import FileRejected, header_row, read_rows, table_rows

from .columns import (
    ALL_COLUMNS,
    COLUMNS,
    DATA_SHEET,
    EXAMPLE_ID,
    MAX_FILE_BYTES,
    MAX_ROWS,
    SECOND_VERSION_COLUMNS,
    normalize_key,
)

__all__ = ["FileRejected", "Table", "read_table"]


@dataclass
class Table:
    """The data rows of an interchange file, cells as text in COLUMNS order.

    A file of the second version of the format has the cells of
    SECOND_VERSION_COLUMNS after those (ALL_COLUMNS order); a file of the
    first version has only COLUMNS.
    """

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    examples: int = 0

    @property
    def columns(self) -> list[str]:
        """The columns of the file's version (every row has as many cells)."""
        if self.rows and len(self.rows[0][1]) == len(ALL_COLUMNS):
            return ALL_COLUMNS
        return COLUMNS


def read_table(data: bytes, *, file_name: str) -> Table:
    """Read an uploaded xlsx or CSV file into rows; raise FileRejected if it cannot.

    The header row may list the columns in any order; data rows keep their
    row number as the spreadsheet shows it (the header is row 1).
    """
    rows = read_rows(
        data, file_name=file_name, max_bytes=MAX_FILE_BYTES, sheet=DATA_SHEET
    )
    return _table(rows)


def _table(raw_rows: Iterator[tuple[int, list[str]]]) -> Table:
    _columns, rows = table_rows(
        raw_rows, max_rows=MAX_ROWS, positions=_column_positions
    )
    table = Table()
    for number, cells in rows:
        if normalize_key(cells[0]) == EXAMPLE_ID:
            table.examples += 1
        else:
            table.rows.append((number, cells))
    if not table.rows:
        raise FileRejected([_("There are no rows of data under the header row.")])
    return table


def _column_positions(number: int, values: list[str]) -> list[int]:
    """Where each column is in the header row; FileRejected if they differ.

    The columns of the first version are required; those of the second come
    all together or not at all.
    """
    header = header_row(number, values, ALL_COLUMNS)
    found, problems = header.found, header.problems
    missing = [name for name in COLUMNS if name not in found]
    if missing:
        problems.append(
            _("Missing columns: %(names)s.") % {"names": "、".join(missing)}
        )
    second = [name for name in SECOND_VERSION_COLUMNS if name in found]
    if second and len(second) < len(SECOND_VERSION_COLUMNS):
        problems.append(
            _(
                "The columns of the format's second version come together "
                "(%(columns)s); missing: %(names)s."
            )
            % {
                "columns": "、".join(SECOND_VERSION_COLUMNS),
                "names": "、".join(
                    name for name in SECOND_VERSION_COLUMNS if name not in found
                ),
            }
        )
    problems += header.unknown_problem()
    if problems:
        lead = _(
            "Row %(row)s must be the header row of the template, with these "
            "columns: %(columns)s."
        ) % {"row": number, "columns": "、".join(COLUMNS)}
        raise FileRejected([lead, *problems])
    return [found[name] for name in (ALL_COLUMNS if second else COLUMNS)]
