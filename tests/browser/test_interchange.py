"""A DXer fills the Excel template, uploads it, checks the preview and imports."""

from openpyxl import load_workbook
from playwright.sync_api import expect

from initiatives.interchange import COLUMNS
from initiatives.models import DxPoint

TITLES = ("窓口のキャッシュレス化", "申請書の事前入力")


def fill_two_rows(path, *, principles: str) -> None:
    """Copy the example row twice below it, as new points (no ID)."""
    workbook = load_workbook(path)
    sheet = workbook["DXポイント"]
    example = [cell.value for cell in sheet[2]]
    for number, title in enumerate(TITLES, start=3):
        for column, value in enumerate(example, start=1):
            sheet.cell(row=number, column=column).value = value
        sheet.cell(row=number, column=1).value = None
        sheet.cell(row=number, column=COLUMNS.index("DXポイント") + 1).value = title
        sheet.cell(row=number, column=COLUMNS.index("心得") + 1).value = principles
    workbook.save(path)


def test_dxer_imports_two_points_from_the_template(
    page, base_url, make_year, people, login, assert_accessible, tmp_path
):
    make_year(2024)
    login(page, "dxer")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="Excel入出力"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Excel入出力")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="テンプレートをダウンロード（.xlsx）").click()
    path = tmp_path / download.value.suggested_filename
    assert path.name == "DXポイント_テンプレート.xlsx"
    download.value.save_as(path)
    fill_two_rows(path, principles="1;9")

    page.get_by_role("link", name="ファイルをアップロード").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DXポイントの取り込み")
    assert_accessible(page)
    page.get_by_label("xlsxまたはCSVのファイル").set_input_files(path)
    page.get_by_role("button", name="ファイルを確認").click()

    # A principle that does not exist: listed with row and column, no import.
    expect(page.get_by_role("heading", level=1)).to_have_text("取り込み内容の確認")
    errors = page.get_by_role("table", name="エラー")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors.locator("tbody tr").first).to_contain_text("3")
    expect(errors.locator("tbody tr").first).to_contain_text("DXの心得9はありません")
    expect(page.get_by_role("button", name="件を取り込む")).to_have_count(0)
    assert_accessible(page)

    fill_two_rows(path, principles="1;3")
    page.get_by_role("link", name="直したファイルをアップロード").click()
    page.get_by_label("xlsxまたはCSVのファイル").set_input_files(path)
    page.get_by_role("button", name="ファイルを確認").click()
    new_points = page.get_by_role("table", name="新しいDXポイント")
    expect(new_points.locator("tbody tr")).to_have_count(2)
    expect(new_points).to_contain_text(TITLES[0])
    expect(new_points).to_contain_text("市民生活部 市民課")
    expect(page.get_by_role("status").first).to_contain_text("読み飛ばした記入例の行")
    assert_accessible(page)
    assert not DxPoint.objects.exists()

    page.get_by_role("button", name="2件を取り込む").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "を取り込みました（新しいDXポイント2件、変更0件）"
    )
    points = page.get_by_role("table")
    for title in TITLES:
        expect(points.get_by_role("link", name=title, exact=True)).to_be_visible()
    assert_accessible(page)
    assert sorted(DxPoint.objects.values_list("title", flat=True)) == sorted(TITLES)
