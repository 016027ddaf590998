"""The export (xlsx and CSV) of what each role may see, and the xlsx template."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from initiatives import interchange
from initiatives.interchange import ALL_COLUMNS, FileRejected, read_table
from iruma_dx.lib.spreadsheet import read_csv_text
from tests.initiatives.interchange_helpers import stored


@pytest.fixture
def points(make_year, make_point, org):
    year, last_year = make_year(2024), make_year(2023, phase="closed")
    return {
        "市民課": make_point(year, title="市民課の下書き"),
        "市民課・承認": make_point(year, title="市民課の承認済み", state="approved"),
        "市民税課": make_point(year, section=org.zeimu_ka, title="市民税課の下書き"),
        "介護保険課": make_point(
            year, section=org.kaigo_ka, title="介護保険課の承認済み", state="approved"
        ),
        "去年": make_point(last_year, title="去年のポイント"),
    }


def titles_in_csv(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ALL_COLUMNS
    return sorted(
        read_csv_text(row[ALL_COLUMNS.index("DXポイント")]) for row in rows[1:]
    )


@pytest.mark.parametrize(
    ("who", "query", "expected"),
    [
        ("dxer", {}, ["市民課の下書き", "市民課の承認済み"]),
        ("dxer2", {}, ["介護保険課の承認済み"]),
        ("head", {}, ["市民課の下書き", "市民課の承認済み", "市民税課の下書き"]),
        # A head's department filter is not theirs to set: it is ignored.
        (
            "head",
            {"department": "福祉部"},
            ["市民課の下書き", "市民課の承認済み", "市民税課の下書き"],
        ),
        ("head2", {}, ["介護保険課の承認済み"]),
        (
            "dx_office",
            {},
            [
                "介護保険課の承認済み",
                "市民税課の下書き",
                "市民課の下書き",
                "市民課の承認済み",
            ],
        ),
        ("dx_office", {"department": "福祉部"}, ["介護保険課の承認済み"]),
    ],
)
def test_each_role_exports_what_it_may_see_of_one_year(
    who, query, expected, points, org, client_as
):
    if "department" in query:
        query = {"department": org.fukushi.pk}
    response = client_as(who).get(
        "/interchange/export/", {"year": "2024", "file_type": "csv", **query}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert titles_in_csv(response.content) == sorted(expected)


def test_csv_has_a_bom_and_a_japanese_file_name(points, client_as):
    points["市民課"].title = "=1+1 で計算"
    points["市民課"].save()
    response = client_as("dxer").get(
        "/interchange/export/", {"year": "2024", "file_type": "csv"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''DX%E3%83%9D%E3%82%A4%E3%83%B3%E3%83%88_"
        "%E4%BB%A4%E5%92%8C6%E5%B9%B4%E5%BA%A6.csv"
    )
    # Formula-like text keeps Excel's text mark, and reads back without it.
    assert ",'=1+1 で計算," in response.content.decode("utf-8-sig")
    assert "=1+1 で計算" in titles_in_csv(response.content)


def test_xlsx_writes_formula_like_text_as_text(make_year, make_point, client_as):
    year = make_year(2024)
    point = make_point(
        year,
        title='=HYPERLINK("http://example.com")',
        description="+81 の番号へ",
        business="@業務",
        indicator_name="-5件",
        baseline=Decimal("12.50"),
    )
    response = client_as("dxer").get(
        "/interchange/export/", {"year": "2024", "file_type": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["DXポイント"]
    header, values = list(sheet.iter_rows(values_only=False))
    assert [cell.value for cell in header] == ALL_COLUMNS
    cells = dict(zip(ALL_COLUMNS, values, strict=True))
    assert cells["ID"].value == point.pk
    for column in ("DXポイント", "内容", "事務事業", "指標"):
        assert cells[column].data_type == "s", column
    assert cells["DXポイント"].value == '=HYPERLINK("http://example.com")'
    assert cells["基準値"].value == 12.5
    assert cells["年度"].value == 2024
    assert cells["段階"].value == "デジタライゼーション"


def test_the_xlsx_export_prints_and_formats_its_numbers(
    make_year, make_point, client_as
):
    year = make_year(2024)
    make_point(
        year,
        state="approved",
        report={"actual": Decimal(50), "hours_saved": Decimal("1234.5")},
    )
    response = client_as("dxer").get(
        "/interchange/export/", {"year": "2024", "file_type": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content))["DXポイント"]
    cells = dict(zip(ALL_COLUMNS, sheet[2], strict=True))
    assert cells["削減時間"].value == 1234.5
    assert cells["削減時間"].number_format == "#,##0.0"
    assert cells["年度"].number_format == cells["ID"].number_format == "0"
    assert sheet["A1"].font.b and sheet.freeze_panes == "B2"
    last = sheet.cell(2, len(ALL_COLUMNS)).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}2"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    assert "令和6年度" in sheet.oddHeader.left.text


def test_control_characters_do_not_break_the_xlsx_and_reimport_unchanged(
    make_year, make_point, people, client_as
):
    year = make_year(2024)
    make_point(year, description="一行目\x0b二行目\x01")
    response = client_as("dxer").get(
        "/interchange/export/", {"year": "2024", "file_type": "xlsx"}
    )
    assert response.status_code == 200
    table = read_table(response.content, file_name="x.xlsx")
    result = interchange.preview_import(table=table, file_name="x.xlsx", by=people.dxer)
    assert result.unchanged == 1 and not result.has_changes and not result.errors


def test_the_export_runs_the_same_queries_for_few_and_many_points(
    make_year, make_point, client_as, django_assert_num_queries
):
    year = make_year(2024)
    client = client_as("dx_office")

    def export() -> None:
        response = client.get(
            "/interchange/export/", {"year": "2024", "file_type": "xlsx"}
        )
        assert response.status_code == 200

    make_point(year, report={"actual": 5})
    export()  # warm the session and the roles
    # session, user, savepoint, roles, fiscal years (form choices), the year,
    # points with year/section/department/plan/report, their principles, their
    # focus areas, their technologies, release savepoint
    with django_assert_num_queries(11):
        export()
    for _n in range(10):
        make_point(year, report={"actual": 5})
    with django_assert_num_queries(11):
        export()


def test_a_bad_request_shows_the_form_again(points, client_as):
    response = client_as("dxer").get("/interchange/export/", {"file_type": "pdf"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "このフィールドは必須です。" in body
    assert 'aria-describedby="id_year_error"' in body


# The template ------------------------------------------------------------------


def test_the_template_has_drop_downs_a_guide_and_an_example(make_year, org, client_as):
    make_year(2024)
    response = client_as("dxer").get("/interchange/template.xlsx")
    assert response.status_code == 200
    assert "filename*=utf-8''DX" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["DXポイント", "記入方法"]
    sheet = workbook["DXポイント"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ALL_COLUMNS
    example = dict(zip(ALL_COLUMNS, rows[1], strict=True))
    assert example["ID"] == "記入例"
    assert (example["年度"], example["部"], example["課"]) == (
        2024,
        "市民生活部",
        "市民課",
    )
    lists = {
        str(validation.sqref).split(":")[0]: validation
        for validation in sheet.data_validations.dataValidation
    }
    assert lists["I2"].formula1 == '"1,2,3,4,5"'  # 心得: a list, but 1;3 is allowed
    assert not lists["I2"].showErrorMessage
    assert lists["K2"].formula1 == (
        '"デジタイゼーション,デジタライゼーション,デジタル・トランスフォーメーション（DX）"'
    )
    assert lists["K2"].showErrorMessage
    assert lists["Q2"].formula1 == '"A,B,C,D,評価不能"'
    assert str(lists["Q2"].sqref) == "Q2:Q10001"
    guide = list(workbook["記入方法"].iter_rows(values_only=True))
    assert guide[0][0] == "DXポイントのシートの記入方法"
    described = {row[0] for row in guide if row and row[0] in ALL_COLUMNS}
    assert described == set(ALL_COLUMNS)
    assert (
        "心得",
        "必須",
        "DXの心得の番号。複数のときは ; で区切ります（例：1;3）。",
    ) in guide


def test_the_untouched_template_imports_nothing(make_year, client_as):
    make_year(2024)
    response = client_as("dxer").get("/interchange/template.xlsx")
    with pytest.raises(FileRejected) as refusal:
        read_table(response.content, file_name="テンプレート.xlsx")
    assert refusal.value.messages == ["見出し行の下にデータの行がありません。"]


def test_two_rows_filled_in_the_template_become_drafts(make_year, people, client_as):
    make_year(2024)
    response = client_as("dxer").get("/interchange/template.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["DXポイント"]
    example = [cell.value for cell in sheet[2]]
    for number, title in ((3, "窓口のキャッシュレス化"), (4, "申請書の事前入力")):
        for index, value in enumerate(example):
            sheet.cell(row=number, column=index + 1, value=value)
        sheet.cell(row=number, column=1).value = None  # no ID: a new point
        sheet.cell(row=number, column=5).value = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = stored()
    table = read_table(buffer.getvalue(), file_name="記入済み.xlsx")
    result = interchange.apply_import(
        table=table, file_name="記入済み.xlsx", by=people.dxer
    )
    assert [row.point.title for row in result.creates] == [
        "窓口のキャッシュレス化",
        "申請書の事前入力",
    ]
    assert result.examples == 1
    assert stored()["initiatives.DxPoint"] == before["initiatives.DxPoint"] + 2
