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
