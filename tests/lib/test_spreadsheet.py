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
