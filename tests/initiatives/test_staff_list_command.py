"""``manage.py import_staff FILE [--dry-run] [--user USERNAME] [--whole-list]``."""

from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections
from django.test import override_settings

from initiatives.models import Assignment, Role, User
from tests.initiatives.staff_list_helpers import person, stored, xlsx_file

MOVE = [
    person("dxer2", "介護 三奈", "市民生活部", "市民課", "DXer"),
    person("viewer", "閲覧 四郎", "企画部", "", "部長"),
]


@pytest.fixture
def staff_file(tmp_path):
    def write(rows, name="令和7年度の人事異動.xlsx"):
        path = tmp_path / name
        path.write_bytes(xlsx_file(rows))
        return path

    return write


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_staff", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_shows_every_change_and_writes_nothing(staff_file, people, org):
    before = stored()
    out, _err = run(staff_file(MOVE), "--dry-run")
    assert stored() == before
    lines = out.splitlines()
    assert lines[:11] == [
        "ファイル: 令和7年度の人事異動.xlsx",
        "年度: 令和7年度",
        "記録する担当者: 入間 みらい (dxoffice)",
        "名簿の範囲: 載っている課・部のみ",
        "行数: 2",
        "新しいDXer: 1",
        "新しい部長: 1",
        "終了する役割: 2",
        "新しいアカウント: 0",
        "変更のない行: 0",
        "エラーのある行: 0",
    ]
    assert "  企画部 部長: （なし） → 閲覧 四郎 (3行目)" in lines
    assert "  市民生活部 市民課 DXer: 窓口 花子 → 介護 三奈 (2行目)" in lines
    assert "  福祉部 介護保険課 DXer: 介護 三奈 → （なし） (2行目)" in lines
    assert "DXerがいない課: 企画部 デジタル行政推進課、市民生活部 市民税課、" in out
    assert lines[-1] == "確認のみ（--dry-run）のため、何も書き込んでいません。"


def test_the_list_is_applied_as_the_rotation_page_applies_it(staff_file, people, org):
    out, _err = run(staff_file(MOVE))
    assert "名簿の人事異動を反映しました。" in out
    given = Assignment.objects.active_in(2025).get(section=org.shimin_ka)
    assert (given.user, given.created_by) == (people.dxer2, people.dx_office)
    assert Assignment.objects.active_in(2024).get(section=org.shimin_ka).user == (
        people.dxer
    )
    before = stored()
    out, _err = run(staff_file(MOVE))
    assert "変更はありません。" in out and stored() == before


def test_the_whole_list_ends_the_roles_it_does_not_name(staff_file, people, org):
    out, _err = run(staff_file(MOVE), "--whole-list")
    assert "名簿の範囲: 全員の名簿（載っていない役割は終了）" in out
    assert "  福祉部 部長: 福祉 次郎 → （なし） (ファイルにない)" in out.splitlines()
    heads = Assignment.objects.active_in(2025).filter(role=Role.HEAD)
    assert [held.user for held in heads] == [people.viewer]


def test_errors_are_listed_and_nothing_is_written(staff_file, people, org):
    rows = [*MOVE, person("nobody", "誰 か", "福祉部", "市民税課", "DXer")]
    before = stored()
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_staff", str(staff_file(rows)), stdout=StringIO(), stderr=err
        )
    assert str(failure.value) == "エラーが2件あるため、何も変更していません。"
    assert err.getvalue().splitlines() == [
        "4行目［職員番号］「nobody」のアカウントがありません。"
        "先に「組織 › 職員と役割 › 職員を登録」で作成してから、"
        "ファイルをもう一度アップロードしてください。",
        "4行目［課］「市民税課」は市民生活部の課で、福祉部の課ではありません。",
    ]
    assert stored() == before


def test_the_exit_status_is_1_on_errors(staff_file, people, org, monkeypatch):
    path = staff_file([person("nobody", "誰 か", "福祉部", "市民税課", "DXer")])
    # As from the shell; the command line closes the connections when it ends.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    utility = ManagementUtility(["manage.py", "import_staff", str(path)])
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1
    assert not Assignment.objects.filter(start_year=2025).exists()


def test_a_file_that_cannot_be_read(tmp_path, people):
    path = tmp_path / "名簿.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    err = StringIO()
    with pytest.raises(CommandError, match="何も変更していません。"):
        call_command("import_staff", str(path), stdout=StringIO(), stderr=err)
    assert "古い形式のExcelファイル（.xls）" in err.getvalue()
    with pytest.raises(CommandError, match="を読み込めません"):
        run(tmp_path / "ない.xlsx")


@override_settings(LDAP_URL="ldap://dc.city.iruma.local:389")
def test_new_people_get_directory_accounts(staff_file, people, org):
    rows = [person("T0123", "新任　太郎", "市民生活部", "市民税課", "DXer")]
    out, _err = run(staff_file(rows), "--dry-run")
    assert (
        "新しいアカウント: 1" in out
        and not User.objects.filter(username="t0123").exists()
    )
    run(staff_file(rows))
    made = User.objects.get(username="t0123")
    assert not made.has_usable_password()
    assert Assignment.objects.active_in(2025).get(section=org.zeimu_ka).user == made


def test_who_gives_the_roles(staff_file, people, org):
    path = staff_file(MOVE)
    with pytest.raises(CommandError, match="「head」はデジタル行政推進課の有効な職員"):
        run(path, "--user", "head")
    colleague = User.objects.create_user("office2", last_name="入間", first_name="二")
    Assignment.objects.create(user=colleague, role=Role.DX_OFFICE, start_year=2020)
    with pytest.raises(CommandError, match="現在2人です"):
        run(path)
    out, _err = run(path, "--user", "office2")
    assert "記録する担当者: 入間 二 (office2)" in out
    assert Assignment.objects.get(start_year=2025, role=Role.HEAD).created_by == (
        colleague
    )
