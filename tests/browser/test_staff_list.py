"""The DX office carries out the April rotation from a staff list file."""

from openpyxl import load_workbook
from playwright.sync_api import expect

from initiatives.models import Assignment, Role


def fill(template, rows: list[list[str]]):
    """Save a copy of the template with rows under the header of 職員名簿."""
    workbook = load_workbook(template)
    sheet = workbook["職員名簿"]
    for row in rows:
        sheet.append(row)
    path = template.with_name("令和7年度の人事異動.xlsx")
    workbook.save(path)
    return path


def test_dx_office_loads_the_rotation_from_a_staff_list(
    page, base_url, people, org, login, assert_accessible, tmp_path
):
    login(page, "dxoffice")
    page.goto(f"{base_url}/org/")
    assert_accessible(page)
    page.get_by_role("link", name="4月の人事異動").first.click()
    expect(page.get_by_role("heading", name="名簿ファイルから読み込む")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role(
            "link", name="名簿のテンプレートをダウンロード（.xlsx）"
        ).click()
    template = tmp_path / download.value.suggested_filename
    assert template.name == "職員名簿_テンプレート.xlsx"
    download.value.save_as(template)
    moves = [
        ["dxer2", "介護 三奈", "市民生活部", "市民課", "DXer", "令和7年4月1日"],
        ["viewer", "閲覧 四郎", "企画部", "", "部長", "2025/4/1"],
        ["dxer", "窓口 花子", "福祉部", "戸籍課", "DXer", "2025/4/1"],
    ]

    page.get_by_role("link", name="名簿をアップロード").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "名簿ファイルから読み込む"
    )
    assert_accessible(page)
    page.get_by_label("名簿ファイル（xlsxまたはCSV）").set_input_files(
        fill(template, moves)
    )
    page.get_by_role("button", name="ファイルを確認").click()

    # A section 福祉部 does not have: its row, column and reason; no way to apply.
    expect(page.get_by_role("heading", level=1)).to_have_text("名簿の内容の確認")
    errors = page.get_by_role("table", name="エラー").locator("tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("4")
    expect(errors.first).to_contain_text("福祉部に「戸籍課」という課はありません")
    expect(page.get_by_role("button", name="件の変更を反映する")).to_have_count(0)
    assert_accessible(page)

    moves[2][3] = "介護保険課"
    page.get_by_role("link", name="直したファイルをアップロード").click()
    assert_accessible(page)
    page.get_by_label("名簿ファイル（xlsxまたはCSV）").set_input_files(
        fill(template, moves)
    )
    page.get_by_role("button", name="ファイルを確認").click()

    changes = page.get_by_role("table", name="令和7年度からの変更")
    expect(changes.locator("tbody tr")).to_have_count(3)
    expect(changes).to_contain_text("市民生活部 市民課")
    expect(changes).to_contain_text("交代")
    expect(page.get_by_role("status").first).to_contain_text("令和7年度")
    assert_accessible(page)
    assert not Assignment.objects.filter(start_year=2025).exists()

    page.get_by_role("button", name="3件の変更を反映する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("令和7年度の組織")
    expect(page.get_by_role("status").first).to_contain_text(
        "を令和7年度の人事異動として反映しました（変更3件、新しいアカウント0件）"
    )
    sections = page.get_by_role("table", name="市民生活部の課")
    expect(sections.get_by_role("row", name="市民課")).to_contain_text("介護 三奈")
    kaigo = page.get_by_role("table", name="福祉部の課")
    expect(kaigo.get_by_role("row", name="介護保険課")).to_contain_text("窓口 花子")
    expect(page.locator("main")).to_contain_text("部長: 閲覧 四郎")
    assert_accessible(page)
    head = Assignment.objects.active_in(2025).get(role=Role.HEAD, department=org.kikaku)
    assert head.user == people.viewer and head.created_by == people.dx_office
    assert (
        Assignment.objects.active_in(2024).get(section=org.shimin_ka).user
        == people.dxer
    )
