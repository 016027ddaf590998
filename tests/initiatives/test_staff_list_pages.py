"""The staff list pages under the April rotation: upload, preview, confirm, template."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import load_workbook

from initiatives.models import Assignment, Department, Role, Section, StaffImport, User
from initiatives.staff_list import read_staff_list
from tests.initiatives.staff_list_helpers import (
    HEADER,
    csv_file,
    person,
    stored,
    xlsx_file,
)

UPLOAD = "/org/rotation/staff-list/"
MOVE = [
    person("dxer2", "介護 三奈", "市民生活部", "市民課", "DXer"),
    person("viewer", "閲覧 四郎", "企画部", "", "部長"),
]


def upload(client, data: bytes, name: str = "名簿.xlsx", scope: str = "listed"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), "scope": scope})


def test_the_rotation_page_leads_to_the_staff_list(client_as, org):
    page = client_as("dx_office").get("/org/rotation/").content.decode()
    assert "名簿ファイルから読み込む" in page
    assert f'href="{UPLOAD}"' in page
    assert 'href="/org/rotation/staff-list/template.xlsx"' in page


def test_upload_preview_and_confirm(client_as, org, people):
    client = client_as("dx_office")
    assert client.get(UPLOAD).status_code == 200
    response = upload(client, xlsx_file(MOVE))
    kept = StaffImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{UPLOAD}{kept.pk}/"
    assert (kept.uploaded_by, kept.whole_list, kept.id_column) == (
        people.dx_office,
        False,
        "職員番号",
    )
    assert not Assignment.objects.filter(start_year=2025).exists()

    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert preview.context["preview"].year == 2025
    assert "令和7年度からの変更" in body
    assert "<td>窓口 花子</td>" in body and "<td>介護 三奈</td>" in body
    assert "交代" in body and "新任" in body and "終了（不在になる）" in body
    assert "載っている課・部のみ" in body
    # 介護 三奈 leaves 介護保険課 for 市民課: three changes, not two.
    assert "3件の変更を反映する" in body
    assert "DXerがいない課が3件になります" in body
    assert not Assignment.objects.filter(start_year=2025).exists()

    digest = preview.context["preview"].digest
    done = client.post(response["Location"], {"digest": digest})
    assert done.status_code == 302 and done["Location"] == "/org/?year=2025"
    assert Assignment.objects.active_in(2025).get(section=org.shimin_ka).user == (
        people.dxer2
    )
    head = Assignment.objects.active_in(2025).get(department=org.kikaku)
    assert head.user == people.viewer and head.created_by == people.dx_office
    kept.refresh_from_db()
    assert kept.applied_at is not None and kept.rows == []
    assert [str(m) for m in done.wsgi_request._messages] == [
        "名簿「名簿.xlsx」を令和7年度の人事異動として反映しました"
        "（変更3件、新しいアカウント0件）。"
    ]
    overview = client.get(done["Location"]).content.decode()
    assert "閲覧 四郎" in overview

    before = stored()
    again = client.post(response["Location"], {"digest": digest})
    assert again.status_code == 302 and again["Location"] == "/org/rotation/"
    assert stored() == before


def test_the_whole_list_is_chosen_on_upload_and_said_in_the_preview(client_as, org):
    client = client_as("dx_office")
    response = upload(client, csv_file(MOVE[:1]), "名簿.csv", scope="whole")
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert preview.context["preview"].whole_list
    assert "全員の名簿：載っていないDXerと部長の役割はすべて終了" in body
    assert "ファイルにない" in body  # the units the whole list ends
    assert "部長がいない部が3件になります" in body


def test_a_preview_with_errors_offers_no_confirmation(client_as, org, people):
    client = client_as("dx_office")
    bad = person("nobody", "<script>alert(1)</script>", "<b>総務部</b>", "x", "DXer")
    response = upload(client, csv_file([*MOVE, bad]), "名簿.csv")
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert "2件のエラーを直してください。何も変更していません。" in body
    assert '<th scope="row">4</th><td>氏名</td>' in body
    assert '<th scope="row">4</th><td>部</td>' in body
    # Names from the file are shown as text, never as markup.
    assert "「&lt;b&gt;総務部&lt;/b&gt;」という部はありません" in body
    assert "<b>総務部</b>" not in body and "<script>alert(1)" not in body
    assert "件の変更を反映する" not in body
    assert "直したファイルをアップロード" in body
    before = stored()
    refused = client.post(response["Location"], {"digest": "anything"})
    assert refused.status_code == 200 and stored() == before


def test_a_change_after_the_preview_stops_the_confirmation(client_as, org, people):
    client = client_as("dx_office")
    response = upload(client, xlsx_file(MOVE))
    digest = client.get(response["Location"]).context["preview"].digest
    Assignment.objects.filter(user=people.head2).update(end_year=2024)
    before = stored()
    again = client.post(response["Location"], {"digest": digest})
    assert again.status_code == 200 and again.context["changed"]
    assert "ほかの人がこの年度の役割またはアカウントを変更したため" in (
        again.content.decode()
    )
    assert stored() == before
    confirm = again.context["preview"].digest
    assert confirm != digest
    assert client.post(response["Location"], {"digest": confirm}).status_code == 302
    assert Assignment.objects.active_in(2025).get(section=org.shimin_ka).user == (
        people.dxer2
    )


@override_settings(LDAP_URL="ldap://dc.city.iruma.local:389")
def test_new_people_are_listed_and_get_directory_accounts(client_as, org):
    client = client_as("dx_office")
    page = client.get(UPLOAD).content.decode()
    assert "庁内ディレクトリでログインするアカウントを作成します" in page
    rows = [person("T0789", "新任 三郎", "市民生活部", "市民税課", "DXer")]
    response = upload(client, csv_file(rows, encoding="cp932"), "名簿.csv")
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert "<td>t0789</td><td>新任 三郎</td>" in body
    assert "新しいアカウント" in body
    client.post(response["Location"], {"digest": preview.context["preview"].digest})
    made = User.objects.get(username="t0789")
    assert not made.has_usable_password()
    assert Assignment.objects.active_in(2025).get(section=org.zeimu_ka).user == made


def test_a_bad_file_stays_on_the_upload_page(client_as, org):
    client = client_as("dx_office")
    response = upload(client, b"", "名簿.csv")
    assert response.status_code == 200
    assert "ファイルが空です。" in response.content.decode()
    response = upload(client, csv_file(MOVE, header=HEADER[:-1]), "名簿.csv")
    assert "足りない列：発令日" in response.content.decode()
    response = upload(client, b"\xd0\xcf\x11\xe0", "名簿.xls")
    assert "古い形式のExcelファイル（.xls）" in response.content.decode()
    assert not StaffImport.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "dxer", "head", "admin", "anonymous"])
def test_only_the_dx_office_loads_staff_lists(role, client_as, org, people):
    client = client_as(role)
    expected = 302 if role == "anonymous" else 403
    kept = StaffImport.objects.create(
        uploaded_by=people.dx_office,
        file_name="名簿.csv",
        id_column="職員番号",
        rows=[[2, list(MOVE[0].values())]],
    )
    before = stored()
    assert upload(client, csv_file(MOVE), "名簿.csv").status_code == expected
    assert client.post(f"{UPLOAD}{kept.pk}/", {"digest": "x"}).status_code == expected
    assert client.get(f"{UPLOAD}template.xlsx").status_code == expected
    assert StaffImport.objects.count() == 1 and stored() == before


def test_nobody_confirms_another_persons_upload(client_as, org, people):
    colleague = User.objects.create_user("office2", last_name="入間", first_name="二")
    Assignment.objects.create(user=colleague, role=Role.DX_OFFICE, start_year=2020)
    response = upload(client_as("dx_office"), xlsx_file(MOVE))
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert other.get(response["Location"]).status_code == 404
    assert other.post(response["Location"], {"digest": "x"}).status_code == 404
    assert not Assignment.objects.filter(start_year=2025).exists()


def test_wrong_methods_are_refused(client_as, org):
    client = client_as("dx_office")
    assert client.put(UPLOAD).status_code == 405
    assert client.post(f"{UPLOAD}template.xlsx").status_code == 405


def test_the_template_has_the_header_a_role_list_and_rows_to_copy(client_as, org):
    response = client_as("dx_office").get(f"{UPLOAD}template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        "filename*=utf-8''%E8%81%B7%E5%93%A1%E5%90%8D%E7%B0%BF_"
        in (response["Content-Disposition"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, guide = workbook["職員名簿"], workbook["記入方法"]
    assert [cell.value for cell in sheet[1]] == [*HEADER, "備考"]
    assert sheet.max_row == 1
    assert sheet.data_validations.dataValidation[0].formula1 == '"DXer,部長,なし"'
    lines = [[cell.value for cell in row] for row in guide.iter_rows()]
    start = lines.index([*HEADER, "備考"])
    examples = lines[start + 1 :]
    assert examples[0] == [
        "01234",
        "窓口 花子",
        "市民生活部",
        "市民課",
        "DXer",
        "2027-04-01",
        None,
    ]
    # The examples, copied under the header, read as a clean list.
    for row in examples:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_staff_list(buffer.getvalue(), file_name="名簿.xlsx")
    assert [cells[0] for _n, cells in table.rows] == ["01234", "05678", "09012"]


def test_the_preview_runs_the_same_queries_for_10_and_200_rows(
    client_as, org, people, django_assert_num_queries
):
    department = Department.objects.create(name="大きな部", code="BIG")
    sections = Section.objects.bulk_create(
        Section(department=department, name=f"課{n}", code=f"BIG-{n}")
        for n in range(200)
    )
    User.objects.bulk_create(
        User(username=f"staff{n}", last_name="職員", first_name=str(n))
        for n in range(200)
    )
    rows = [
        person(f"staff{n}", f"職員 {n}", "大きな部", section.name, "DXer")
        for n, section in enumerate(sections)
    ]
    client = client_as("dx_office")
    client.get("/org/rotation/")  # warm the session
    for size in (10, 200):
        response = upload(client, csv_file(rows[:size]), "名簿.csv")
        # session, user, the request's savepoint pair, roles, the upload;
        # departments, sections, the accounts named, the year's holders,
        # those of later years; the fiscal year (status bar).
        with django_assert_num_queries(12):
            page = client.get(response["Location"])
        assert page.status_code == 200
        assert page.context["preview"].new_dxers == size
