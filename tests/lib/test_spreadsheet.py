import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from iruma_dx.lib.spreadsheet import csv_bytes, read_csv_text, xlsx_bytes


@pytest.mark.parametrize("text", ["=1+1", "+81", "-5 件", "@SUM(A1)", "\t=x"])
def test_formula_like_text_stays_text_in_csv_and_reads_back(text):
    raw = csv_bytes([[text]])
    assert raw.startswith("\ufeff".encode())
    [[cell]] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert cell == "'" + text
    assert read_csv_text(cell) == text


def test_plain_values_are_left_alone():
    raw = csv_bytes([["窓口", Decimal("1200.00"), Decimal("12.50"), None, 3]])
    assert raw.decode("utf-8-sig").strip() == "窓口,1200,12.5,,3"
    assert read_csv_text("'quoted") == "'quoted"


def test_formula_like_text_is_a_string_cell_in_xlsx():
    data = xlsx_bytes([("一覧", [['=HYPERLINK("x")', Decimal("2.50"), "-1"]])])
    sheet = load_workbook(io.BytesIO(data))["一覧"]
    formula, number, minus = sheet[1]
    assert formula.data_type == "s" and formula.value == '=HYPERLINK("x")'
    assert number.value == 2.5
    assert minus.data_type == "s"


def test_xlsx_text_stays_as_typed_and_numbers_stay_numbers():
    row = [
        "一行目\r\n二行目\r三行目",
        "ベル\x07と\x00ヌル",
        "https://example.jp/",
        "0123",
        1200,
        Decimal("1200.00"),
        None,
        "",
        True,
    ]
    data = xlsx_bytes([("一覧", [row])])
    sheet = load_workbook(io.BytesIO(data))["一覧"]
    cells = sheet[1]
    assert cells[0].value == "一行目\n二行目\n三行目"
    assert cells[1].value == "ベルとヌル"
    assert cells[2].value == "https://example.jp/" and cells[2].hyperlink is None
    assert cells[3].value == "0123" and cells[3].data_type == "s"
    assert cells[4].value == 1200 and cells[5].value == 1200
    assert cells[6].value is None and cells[7].value is None
    assert cells[8].value is True


# Sheets that print -------------------------------------------------------------


def printed_sheet():
    from datetime import UTC, datetime

    from iruma_dx.lib.spreadsheet import Cell, Sheet

    rows = [
        ["部", "削減時間", "平均達成率", "常勤換算", "金額", "公開日時"],
        [
            "市民生活部",
            Decimal("1234.5"),
            98.3,
            Decimal("0.19"),
            1620000,
            datetime(2026, 12, 19, 20, 30, tzinfo=UTC),
        ],
        ["=SUM(A1)", 0, None, 0, 0, Cell("令和8年", "label")],
    ]
    spec = Sheet(
        "一覧",
        rows,
        formats={1: "hours", 2: "rate", 3: "fte", 4: "yen"},
        header_text="入間市 令和6年度 年次報告",
    )
    return load_workbook(io.BytesIO(xlsx_bytes([spec])))["一覧"]


def test_a_printed_sheet_keeps_values_and_formats_them():
    sheet = printed_sheet()
    hours, rate, fte, yen, when = (sheet.cell(2, column) for column in range(2, 7))
    assert (hours.value, hours.number_format) == (1234.5, "#,##0.0")
    # A rate is the percentage itself, as in the JSON, with a literal "%".
    assert (rate.value, rate.number_format) == (98.3, '0.0"%"')
    assert (fte.value, fte.number_format) == (0.19, "0.00")
    assert (yen.value, yen.number_format) == (1620000, "#,##0")
    # Japan time, not UTC: 20:30 UTC is 05:30 the next morning in Tokyo.
    assert str(when.value) == "2026-12-20 05:30:00"
    assert when.number_format == "yyyy/mm/dd hh:mm"
    # Formula-like text stays text; a blank stays blank, a zero stays zero.
    assert sheet["A3"].data_type == "s" and sheet["A3"].value == "=SUM(A1)"
    assert sheet["C3"].value is None and sheet["B3"].value == 0
    assert sheet["F3"].font.b


def test_a_printed_sheet_has_a_frozen_styled_header_and_a_filter():
    sheet = printed_sheet()
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    header = sheet["A1"]
    assert header.font.b and header.fill.fgColor.rgb.upper().endswith("E8F1FE")
    assert not sheet["A2"].font.b


def test_a_printed_sheet_fits_a4_landscape_one_page_wide():
    sheet = printed_sheet()
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide (1 is the file format's default, which may be left out),
    # as many pages tall as it takes (0).
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text
    assert "入間市 令和6年度 年次報告" in sheet.oddHeader.left.text


def test_column_widths_count_wide_characters_double():
    from iruma_dx.lib.spreadsheet import display_width

    assert display_width("ABC") == 3
    assert display_width("市民生活部") == 10
    assert display_width("ＲＰＡ①") == 8
    assert display_width("短い\n二行目のほうが長い") == 18
    sheet = printed_sheet()
    # 市民生活部 (10) + 2; 平均達成率 (10) + 2; at least the minimum.
    assert sheet.column_dimensions["A"].width == pytest.approx(12, abs=1)
    assert sheet.column_dimensions["C"].width == pytest.approx(12, abs=1)


def test_long_text_wraps_in_a_capped_column():
    from iruma_dx.lib.spreadsheet import MAX_WIDTH, Sheet

    text = "窓口の待ち時間を短くするために、" * 10
    data = xlsx_bytes([Sheet("一覧", [["内容"], [text]])])
    sheet = load_workbook(io.BytesIO(data))["一覧"]
    assert sheet.column_dimensions["A"].width == pytest.approx(MAX_WIDTH, abs=1)
    assert sheet["A2"].alignment.wrap_text


def test_a_long_lists_tail_is_written_as_its_first_rows_are():
    """Rows past the width sample take the fast path; their cells are the same."""
    from datetime import date

    from iruma_dx.lib.spreadsheet import WIDTH_SAMPLE_ROWS, Cell, Sheet

    row = [
        "窓口",
        "一行目\r\n二行目",
        "ベル\x07",
        "全角\u3000空白",
        "=SUM(A1)",
        "0123",
        "",
        None,
        1200,
        2.5,
        Decimal("1200.00"),
        Decimal("98.35"),
        True,
        date(2025, 3, 31),
        Cell(3, "integer"),
    ]
    rows = [["見出し"] * len(row)] + [row] * (WIDTH_SAMPLE_ROWS + 5)
    data = xlsx_bytes([Sheet("一覧", rows)])
    sheet = load_workbook(io.BytesIO(data))["一覧"]
    written = [[cell.value for cell in cells] for cells in sheet.iter_rows(min_row=2)]
    assert len(written) == WIDTH_SAMPLE_ROWS + 5
    first = written[0]
    assert first[:6] == [
        "窓口",
        "一行目\n二行目",
        "ベル",
        "全角\u3000空白",
        "=SUM(A1)",
        "0123",
    ]
    assert first[6] is None and first[7] is None
    assert first[8:13] == [1200, 2.5, 1200, 98.35, True]
    assert first[13].date() == date(2025, 3, 31) and first[14] == 3
    assert all(values == first for values in written)
    tail = sheet.cell(len(rows), 14)
    assert tail.number_format == "yyyy/mm/dd" and tail.is_date
