"""Reading an interchange file: encodings, column order, examples, and the
files that cannot be read, each refused with its reason in Japanese."""

import io
import zipfile
from decimal import Decimal

import pytest

from initiatives import interchange
from initiatives.interchange import COLUMNS, FileRejected, read_table
from initiatives.models import DxPoint
from tests.initiatives.interchange_helpers import csv_file, row, xlsx_file


def test_cp932_with_special_characters_and_full_width_digits(planning, people):
    title = "①窓口の髙橋さん～待ち時間ゼロ"
    data = csv_file(
        [
            row(
                DXポイント=title,
                年度="令和６年度",
                基準値="１，２００",
                目標値="２０００",
            )
        ],
        encoding="cp932",
    )
    assert not data.startswith(b"\xef\xbb\xbf")
    table = read_table(data, file_name="sjis.csv")
    interchange.apply_import(table=table, file_name="sjis.csv", by=people.dxer)
    point = DxPoint.objects.get()
    assert point.title == title
    assert (point.baseline, point.target) == (Decimal(1200), Decimal(2000))
    assert point.fiscal_year_id == 2024


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_utf8_with_and_without_bom(encoding, planning, people):
    data = csv_file([row(DXポイント="①髙～")], encoding=encoding)
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    table = read_table(data, file_name="utf8.csv")
    [(number, cells)] = table.rows
    assert number == 2 and cells[COLUMNS.index("DXポイント")] == "①髙～"
    assert cells[0] == ""


def test_columns_may_come_in_any_order_and_examples_are_skipped(planning, people):
    header = list(reversed(COLUMNS))
    data = xlsx_file([row(ID="記入例"), row()], header=header)
    table = read_table(data, file_name="逆順.xlsx")
    assert table.examples == 1
    [(number, cells)] = table.rows
    assert number == 3 and dict(zip(COLUMNS, cells, strict=True))["課"] == "市民課"


FILE_ERRORS = {
    "wrong type": (
        "points.txt",
        "ID,年度\r\n".encode(),
        [
            "xlsxまたはCSVのファイル（.xlsx、.csv）を選んでください。"
            "古い形式のExcelファイル（.xls）は、先に.xlsx形式で保存し直してください。"
        ],
    ),
    "not really xlsx": (
        "points.xlsx",
        b"ID,\xe5\xb9\xb4\xe5\xba\xa6\r\n1,2024\r\n",
        [
            "xlsx形式のファイルとして読み取れません。Excelで開き、"
            "「Excelブック（*.xlsx）」またはCSVとして保存し直してください。"
        ],
    ),
    "a zip that is no workbook": (
        "points.xlsx",
        None,
        [
            "xlsx形式のファイルとして読み取れません。Excelで開き、"
            "「Excelブック（*.xlsx）」またはCSVとして保存し直してください。"
        ],
    ),
    "empty": ("points.csv", b"", ["ファイルが空です。"]),
    "only blank lines": ("points.csv", b"\r\n,,,\r\n", ["ファイルが空です。"]),
    "header only": (
        "points.csv",
        csv_file([]),
        ["見出し行の下にデータの行がありません。"],
    ),
    "binary named csv": (
        "points.csv",
        b"PK\x03\x04\x00\x00binary",
        [
            "CSV（テキスト）のファイルではありません。ExcelでCSV形式として保存してください。"
        ],
    ),
    "unreadable characters": (
        "points.csv",
        b"ID,\x85\x40\r\n",
        [
            "ファイルの文字を読み取れません。「CSV UTF-8」または"
            "Shift_JIS（cp932）のCSVとして保存してください。"
        ],
    ),
}


@pytest.mark.parametrize("kind", FILE_ERRORS)
def test_files_that_cannot_be_read_are_refused_with_a_reason(kind):
    name, data, messages = FILE_ERRORS[kind]
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        data = buffer.getvalue()
    with pytest.raises(FileRejected) as refusal:
        read_table(data, file_name=name)
    assert refusal.value.messages == messages


def test_a_header_row_that_does_not_match_names_the_columns():
    header = [c for c in COLUMNS if c not in ("ID", "目標値")] + ["目標", "備考"]
    with pytest.raises(FileRejected) as refusal:
        read_table(csv_file([row()], header=header), file_name="x.csv")
    lead, missing, unknown = refusal.value.messages
    assert lead.startswith("1行目はテンプレートの見出し行にしてください。")
    assert missing == "足りない列：ID、目標値"
    assert unknown == "不明な列：目標、備考"


def test_more_rows_than_the_limit_are_refused():
    data = csv_file([row(DXポイント=str(n)) for n in range(interchange.MAX_ROWS + 1)])
    with pytest.raises(FileRejected) as refusal:
        read_table(data, file_name="big.csv")
    assert refusal.value.messages == [
        "データの行が10,000行を超えています。10,000行以内のファイルに分けてください。"
    ]
    rows = read_table(data[: data.rindex(b"\r\n", 0, -2) + 2], file_name="ok.csv")
    assert len(rows.rows) == interchange.MAX_ROWS


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(interchange.files, "MAX_FILE_BYTES", 1024 * 1024)
    data = csv_file([row(内容="あ" * 2000) for _n in range(200)])
    assert len(data) > 1024 * 1024
    with pytest.raises(FileRejected) as refusal:
        read_table(data, file_name="big.csv")
    assert refusal.value.messages == [
        "ファイルが1MBを超えています。ファイルを分けてください。"
    ]
