"""The interchange rows of DX points as a sheet that prints.

The point export and the annual report's xlsx write the same rows; this
says how each column looks (ids and years without separators, hours with
them) and sets up printing. Formats never change a value, so an exported
file still imports with zero changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from iruma_dx.lib.spreadsheet import Sheet

# Number format of each interchange column that holds a number. Columns of
# the format's later versions are listed too; absent ones are ignored.
COLUMN_FORMATS = {
    "ID": "code",
    "年度": "code",
    "基準値": "decimal",
    "目標値": "decimal",
    "実績値": "decimal",
    "削減時間": "hours",
    "年間件数": "integer",
    "1件あたり削減分": "decimal",
    "導入前時間": "hours",
    "導入後時間": "hours",
}


def point_sheet(
    title: str, rows: Iterable[Iterable[object]], *, header_text: str = ""
) -> Sheet:
    """A :class:`Sheet` of interchange rows (the header row first)."""
    rows = iter(rows)
    header = list(next(rows, []))
    formats = {
        index: COLUMN_FORMATS[name]
        for index, name in enumerate(header)
        if name in COLUMN_FORMATS
    }
    return Sheet(
        title,
        chain([header], rows),
        formats=formats,
        header_text=header_text,
        freeze_columns=1,
    )
