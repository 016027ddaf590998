"""The xlsx template of a staff list: the header row, a drop-down, a guide."""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .columns import COLUMNS, ID_COLUMNS, MAX_ROWS, NOTES_COLUMN, ROLE_LABELS, SHEET

HEADER = [ID_COLUMNS[0], *COLUMNS, NOTES_COLUMN]


def template_bytes(*, department: str, section: str, first_day: date) -> bytes:
    """The template: an empty 職員名簿 sheet and a guide with example rows.

    The examples name a real department and section of the portal and the
    first day of the coming fiscal year, so they read like rows to copy.
    職員番号 is a text column, so that Excel keeps leading zeros (00123).
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADER)
    for index, name in enumerate(HEADER, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        wide = name in {"氏名", "部", "課", NOTES_COLUMN}
        sheet.column_dimensions[get_column_letter(index)].width = 20 if wide else 14
    sheet.column_dimensions["A"].number_format = "@"
    sheet.freeze_panes = "A2"
    letter = get_column_letter(HEADER.index("役割") + 1)
    roles = DataValidation(
        type="list",
        formula1='"' + ",".join(ROLE_LABELS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error=_("Choose a value from the list."),
        errorTitle="役割",
    )
    roles.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(roles)
    guide = workbook.create_sheet(_("How to fill in")[:31])
    for row in _guide_rows(department, section, first_day):
        guide.append(row)
    guide["A1"].font = Font(bold=True, size=14)
    for column, width in zip("ABCDEFG", (14, 14, 16, 16, 10, 12, 60), strict=True):
        guide.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide_rows(department: str, section: str, first_day: date) -> list[list[str]]:
    day = first_day.isoformat()
    rows = [
        [_("How to fill in the staff list")],
        [],
        [_("One row is one person and the role they hold from the 発令日 on.")],
        [
            _(
                "Keep the header row (row 1) of the 職員名簿 sheet. A file holds "
                "the changes of one fiscal year: every 発令日 falls in it."
            )
        ],
        [
            _(
                "A 課 or 部 the file does not name keeps its DXer or head, unless "
                "you choose on upload that the file is the whole list."
            )
        ],
        [
            _(
                "A person the file names loses any other DXer or head role; "
                "役割 なし (or empty) ends all of them."
            )
        ],
        [
            _(
                "Nothing is saved while any row has an error, and you see every "
                "change before you confirm it."
            )
        ],
        [],
        [_("Column"), _("How to write it")],
        [
            ID_COLUMNS[0],
            _(
                "The person's user name in the portal (their sign-in name). The "
                "column may be headed ユーザー名 instead."
            ),
        ],
        [
            "氏名",
            _(
                "Family name first, a space, then the given name. It must match "
                "the account's name."
            ),
        ],
        ["部", _("The department's name as the portal shows it.")],
        [
            "課",
            _(
                "The section's name as the portal shows it; empty for a 部長. 部 "
                "may be left empty when no other 部 has a 課 of that name."
            ),
        ],
        [
            "役割",
            _("%(names)s; empty means なし.") % {"names": "、".join(ROLE_LABELS)},
        ],
        ["発令日", _("A date such as 2025-04-01, 2025/4/1 or 令和7年4月1日.")],
        [NOTES_COLUMN, _("Optional notes; the portal does not read them.")],
        [],
        [_("Examples")],
        HEADER,
        ["01234", "窓口 花子", department, section, "DXer", day, ""],
        ["05678", "市民 一郎", department, "", "部長", day, ""],
        ["09012", "入間 太郎", "", "", "なし", day, _("No longer a DXer")],
    ]
    return [[str(cell) for cell in row] for row in rows]
