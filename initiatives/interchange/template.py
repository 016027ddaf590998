"""The xlsx template of the interchange: header, example row, drop-downs, a guide."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import Stage
from .columns import (
    ALL_COLUMNS,
    BASIS_NAMES,
    DATA_SHEET,
    DIRECTION_NAMES,
    EXAMPLE_ID,
    MAX_ROWS,
    NOT_ASSESSED_NAME,
    STATUS_NAMES,
    stage_name,
)


def template_bytes(
    *,
    example: list,
    principles: list[tuple[int, str]],
    focus_areas: list[tuple[int, str]],
    edition: str = "",
    technologies: list[str] = (),
) -> bytes:
    """The xlsx template: the header row, one example row, drop-down lists, a guide.

    The drop-down lists of 段階, 達成度, 今後の方向性, 削減時間の根拠 and 導入状況
    refuse other values; the one of 心得 offers single numbers but accepts a
    list typed as ``1;3``. The guide lists the focus areas of ``edition``,
    the one the template's year uses, and the technologies.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(ALL_COLUMNS)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(ALL_COLUMNS, start=1):
        wide = name in {
            "DXポイント",
            "内容",
            "計画",
            "事務事業",
            "効果",
            "次年度への課題",
            "要因分析",
        }
        sheet.column_dimensions[get_column_letter(index)].width = 30 if wide else 12
    _drop_down(
        sheet,
        "心得",
        [str(number) for number, _title in principles],
        strict=False,
        prompt=_("One number, or several separated by ; (for example 1;3)."),
    )
    _drop_down(sheet, "段階", [stage_name(stage.value) for stage in Stage], strict=True)
    _drop_down(
        sheet,
        "達成度",
        ["A", "B", "C", "D", NOT_ASSESSED_NAME],
        strict=True,
        prompt=_(
            "A–D for a point without an indicator; 評価不能 for any point that "
            "cannot be assessed."
        ),
    )
    _drop_down(sheet, "今後の方向性", list(DIRECTION_NAMES.values()), strict=True)
    _drop_down(sheet, "削減時間の根拠", list(BASIS_NAMES.values()), strict=True)
    _drop_down(sheet, "導入状況", list(STATUS_NAMES.values()), strict=True)
    guide = workbook.create_sheet(_("How to fill in")[:31])
    for row in _guide_rows(principles, focus_areas, edition, list(technologies)):
        guide.append(row)
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 18
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _drop_down(sheet, column: str, values: list[str], *, strict: bool, prompt=""):
    letter = get_column_letter(ALL_COLUMNS.index(column) + 1)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=strict,
        showInputMessage=bool(prompt),
        prompt=str(prompt) or None,
        promptTitle=column if prompt else None,
        error=str(_("Choose a value from the list.")) if strict else None,
        errorTitle=column if strict else None,
    )
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def _guide_rows(principles, focus_areas, edition, technologies) -> list[list[str]]:
    required, optional = _("Required"), _("Optional")
    with_indicator = _("With an indicator")
    report = _("Year-end report")
    rows = [
        [_("How to fill in the DX points sheet")],
        [],
        [_("One row is one DX point. Keep the header row (row 1) as it is.")],
        [
            _(
                "Leave ID empty for a new point. A row with an ID (as the export "
                "writes it) changes that point."
            )
        ],
        [
            _(
                "The row whose ID is 記入例 is an example: the import skips it. "
                "You may overwrite or delete it."
            )
        ],
        [_("Numbers may be typed in full-width digits or with commas (１，２００).")],
        [
            _(
                "Save the file as .xlsx, or as CSV (UTF-8 or Shift_JIS), and "
                "upload it on the portal's “Excel import and export” page."
            )
        ],
        [
            _(
                "Nothing is saved while any row has an error: the portal lists "
                "each error with its row, its column and the reason."
            )
        ],
        [
            _(
                "A DXer's rows create or change drafts of their own section. An "
                "approved point changes only after the department head returns it."
            )
        ],
        [],
        [_("Column"), _("Needed"), _("How to write it")],
        [
            "ID",
            optional,
            _("Empty for a new point; the point's number to change it."),
        ],
        ["年度", required, _("2024 or 令和6年度.")],
        ["部", required, _("The department's name as the portal shows it.")],
        ["課", required, _("The section's name as the portal shows it.")],
        ["DXポイント", required, _("The title of the point (200 characters at most).")],
        ["内容", required, _("What will be done.")],
        [
            "計画",
            _("計画 or 事務事業"),
            _("The title of the plan (行政計画) the point belongs to."),
        ],
        [
            "事務事業",
            _("計画 or 事務事業"),
            _("The work the point is about, when no plan covers it."),
        ],
        [
            "心得",
            required,
            _("The numbers of the DX principles, separated by ; (for example 1;3)."),
        ],
        [
            "重点取組事項",
            optional,
            _(
                "Names or numbers of the focus areas of the year's edition of "
                "the national plan (listed below), separated by ;."
            ),
        ],
        [
            "段階",
            required,
            "、".join(stage_name(stage.value) for stage in Stage),
        ],
        [
            "指標",
            with_indicator,
            _("The name of a numeric indicator; give its unit, baseline and target."),
        ],
        ["単位", with_indicator, _("For example 件, %, 時間.")],
        ["基準値", with_indicator, _("A number.")],
        ["目標値", with_indicator, _("A number different from the baseline.")],
        ["実績値", report, _("The actual value of the indicator.")],
        [
            "達成度",
            report,
            _(
                "A, B, C or D, for a point without an indicator. 評価不能 for any "
                "point that cannot be assessed (leave 実績値 empty and give the "
                "reason in 要因分析)."
            ),
        ],
        ["効果", report, _("The effect, in words.")],
        [
            "削減時間",
            report,
            _(
                "Staff hours saved per year (0 or more). With a basis other than "
                "直接入力 it may be left empty: the portal works it out (if "
                "filled, it must equal that figure)."
            ),
        ],
        ["次年度への課題", report, _("Issues for next year.")],
        [
            "",
            "",
            _(
                "The year-end report columns stay empty until the point is "
                "approved and the year is in the reporting phase."
            ),
        ],
        [],
        [_("Columns of the second version of the format (after 次年度への課題)")],
        [
            "",
            "",
            _(
                "Files without these columns still import as before: what "
                "the columns hold is then left as it is."
            ),
        ],
        [
            "要因分析",
            report,
            _(
                "Why the result came out so. Required for C, D and 評価不能 "
                "(then the reason it cannot be assessed). Example: 申請の周知が"
                "遅れ、利用が伸びなかった。"
            ),
        ],
        [
            "今後の方向性",
            _("Optional"),
            _("One of %(words)s. Example: 継続.")
            % {"words": "、".join(DIRECTION_NAMES.values())},
        ],
        [
            "削減時間の根拠",
            _("Optional"),
            _(
                "件数×分 (annual cases × minutes per case ÷ 60), 前後比較 (hours "
                "before − hours after) or 直接入力 (the hours typed in 削減時間; "
                "the default when it is empty)."
            ),
        ],
        [
            "年間件数",
            _("With 件数×分"),
            _("Cases per year, a whole number. Example: 1,200."),
        ],
        [
            "1件あたり削減分",
            _("With 件数×分"),
            _(
                "Minutes saved per case. Example: 3 (1,200 × 3 ÷ 60 = 60 hours "
                "in 削減時間)."
            ),
        ],
        [
            "導入前時間",
            _("With 前後比較"),
            _("Staff hours per year before the change. Example: 500."),
        ],
        [
            "導入後時間",
            _("With 前後比較"),
            _("Staff hours per year after it. Example: 320 (500 − 320 = 180)."),
        ],
        [
            "技術",
            optional,
            _("Technologies the point uses, separated by ; (listed below)."),
        ],
        [
            "導入状況",
            _("With 技術"),
            _("One of %(words)s. Example: 導入済み.")
            % {"words": "、".join(STATUS_NAMES.values())},
        ],
        [],
        [_("DX principles (心得)")],
        *[[str(number), "", title] for number, title in principles],
        [],
        [
            _("Focus areas (重点取組事項) of %(edition)s")
            % {"edition": edition or _("the national plan")}
        ],
        *[[str(number), "", name] for number, name in focus_areas],
        [],
        [_("Technologies (技術)")],
        *[["", "", name] for name in technologies],
    ]
    return [[str(cell) for cell in row] for row in rows]


def example_row(*, year: int, section, focus_areas: list[tuple[int, str]]) -> list:
    """The template's example row (ID 記入例, which the import skips).

    It names the person's own section (or the first section of the year), so
    that the example reads like a row they would write.
    """
    department_name = section.department.name if section else "市民生活部"
    section_name = section.name if section else "市民課"
    focus_area = focus_areas[2][1] if len(focus_areas) > 2 else ""
    point = [
        EXAMPLE_ID,
        year,
        department_name,
        section_name,
        "窓口申請のオンライン化",
        "転入届などの事前入力をオンラインで受け付け、窓口での記入をなくす。",
        "",
        "住民異動届の受付",
        "1;3",
        focus_area,
        stage_name(Stage.DIGITALIZATION),
        "オンライン申請の割合",
        "%",
        10,
        50,
    ]
    point += [""] * (len(ALL_COLUMNS) - len(point) - 2)
    return point + ["電子申請", "導入予定"]
