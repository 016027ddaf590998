"""The April rotation from a staff list: what a list means, its checks, its writes.

The people fixture: dxer (窓口 花子) is 市民課's DXer, dxer2 (介護 三奈)
介護保険課's, head (市民 一郎) heads 市民生活部 and head2 (福祉 次郎) 福祉部,
all since 2020; 市民税課, デジタル行政推進課 and 企画部 have nobody. The lists
are for 令和7年度 (2025).
"""

from datetime import datetime

import pytest
from django.test import override_settings

from initiatives import services
from initiatives.models import Assignment, Role, Section, User
from initiatives.services import StaffListRejected
from initiatives.staff_list import MAX_ROWS, FileRejected, read_staff_list
from tests.initiatives.staff_list_helpers import (
    HEADER,
    csv_file,
    person,
    stored,
    table_of,
    xlsx_file,
)

DIRECTORY = override_settings(LDAP_URL="ldap://dc.city.iruma.local:389")


def preview_of(rows, **options):
    return services.preview_staff_list(
        table=table_of(rows), file_name="名簿.csv", **options
    )


def apply(rows, people, **options):
    return services.apply_staff_list(
        table=table_of(rows), file_name="名簿.csv", by=people.dx_office, **options
    )


def holder(year: int, **unit) -> User | None:
    found = Assignment.objects.active_in(year).filter(**unit).first()
    return found.user if found else None


def summary(preview) -> list[tuple]:
    return [
        (
            planned.row,
            str(planned.change.unit),
            planned.change.role,
            str(planned.change.before or ""),
            str(planned.change.after or ""),
            planned.kind,
        )
        for planned in preview.changes
    ]


# What a list means -------------------------------------------------------------


def test_a_list_of_the_people_who_move_changes_only_their_units(people, org):
    rows = [person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")]
    preview = preview_of(rows)
    assert preview.is_clean and preview.year == 2025
    assert summary(preview) == [(2, "市民税課", Role.DXER, "", "閲覧 四郎", "new")]
    assert preview.new_dxers == 1 and preview.new_heads == 0 and preview.ended == 0
    assert preview.sections_without_dxer == [org.dx_section]
    assert preview.departments_without_head == [org.kikaku]

    apply(rows, people, expected_digest=preview.digest)
    given = Assignment.objects.get(section=org.zeimu_ka)
    assert (given.user, given.start_year, given.end_year) == (people.viewer, 2025, None)
    assert given.created_by == people.dx_office  # recorded as the form records it
    assert holder(2024, section=org.zeimu_ka) is None
    assert holder(2025, section=org.shimin_ka) == people.dxer  # not in the file


def test_a_swap_hands_both_sections_over_and_keeps_the_past(people, org):
    rows = [
        person("dxer", "窓口 花子", "福祉部", "介護保険課", "DXer"),
        person("dxer2", "介護 三奈", "市民生活部", "市民課", "DXer"),
    ]
    preview = preview_of(rows)
    assert summary(preview) == [
        (3, "市民課", Role.DXER, "窓口 花子", "介護 三奈", "replaced"),
        (2, "介護保険課", Role.DXER, "介護 三奈", "窓口 花子", "replaced"),
    ]
    assert preview.ended == 2 and preview.new_dxers == 2
    apply(rows, people)
    assert holder(2025, section=org.shimin_ka) == people.dxer2
    assert holder(2025, section=org.kaigo_ka) == people.dxer
    assert holder(2024, section=org.shimin_ka) == people.dxer
    assert holder(2024, section=org.kaigo_ka) == people.dxer2
    ended = Assignment.objects.get(user=people.dxer, section=org.shimin_ka)
    assert ended.end_year == 2024


def test_a_person_the_list_names_leaves_their_other_unit(people, org):
    """窓口 花子 moves to 市民税課: 市民課 is left without a DXer, and says so."""
    rows = [person("dxer", "窓口 花子", "市民生活部", "市民税課", "DXer")]
    preview = preview_of(rows)
    assert summary(preview) == [
        (2, "市民課", Role.DXER, "窓口 花子", "", "vacant"),
        (2, "市民税課", Role.DXER, "", "窓口 花子", "new"),
    ]
    assert org.shimin_ka in preview.sections_without_dxer
    apply(rows, people)
    assert holder(2025, section=org.shimin_ka) is None
    assert holder(2025, section=org.zeimu_ka) == people.dxer


def test_no_role_ends_every_role_and_a_stranger_without_one_is_fine(people, org):
    rows = [
        person("head", "市民 一郎", role="なし"),
        person("someone-new", "新人 花子", role=""),  # no account, nothing to end
        person("viewer", "閲覧 四郎", "企画部", "", "部長"),
    ]
    preview = preview_of(rows)
    assert summary(preview) == [
        (4, "企画部", Role.HEAD, "", "閲覧 四郎", "new"),
        (2, "市民生活部", Role.HEAD, "市民 一郎", "", "vacant"),
    ]
    assert preview.unchanged == 1 and preview.new_accounts == []
    assert preview.departments_without_head == [org.shimin]
    apply(rows, people)
    assert holder(2025, role=Role.HEAD, department=org.shimin) is None
    assert holder(2024, role=Role.HEAD, department=org.shimin) == people.head
    assert holder(2025, role=Role.HEAD, department=org.kikaku) == people.viewer


def test_the_whole_list_ends_every_role_it_does_not_name(people, org):
    rows = [person("dxer", "窓口 花子", "市民生活部", "市民課", "DXer")]
    partial = preview_of(rows)
    assert partial.changes == [] and partial.unchanged == 1
    whole = preview_of(rows, whole_list=True)
    assert summary(whole) == [
        (None, "市民生活部", Role.HEAD, "市民 一郎", "", "vacant"),
        (None, "福祉部", Role.HEAD, "福祉 次郎", "", "vacant"),
        (None, "介護保険課", Role.DXER, "介護 三奈", "", "vacant"),
    ]
    assert whole.digest != partial.digest
    apply(rows, people, whole_list=True)
    assert holder(2025, section=org.shimin_ka) == people.dxer
    assert holder(2025, section=org.kaigo_ka) is None
    assert not Assignment.objects.active_in(2025).filter(role=Role.HEAD).exists()
    # The DX office's own role is not the list's business.
    assert holder(2025, role=Role.DX_OFFICE) == people.dx_office


def test_an_unchanged_list_changes_nothing(people, org):
    rows = [
        person("dxer", "窓口 花子", "市民生活部", "市民課", "DXer"),
        person("head", "市民 一郎", "市民生活部", "", "部長"),
    ]
    before = stored()
    preview = apply(rows, people)
    assert preview.changes == [] and preview.unchanged == 2
    assert stored() == before


def test_values_are_read_whatever_their_width_case_and_date_style(people, org):
    User.objects.create_user("0123", last_name="番号", first_name="太郎")
    rows = [
        person(
            "０１２３",
            "番号　太郎",
            "市民生活部",
            "市民税課",
            "ＤＸＥＲ",
            "令和7年4月1日",
        ),
        person("HEAD2", "福祉次郎", "福祉部", "", "部長", "２０２５/１０/１"),
        person("Dxer2", "介護 三奈", " 福祉部 ", "介護保険課", "dxer", "R8.3.31"),
    ]
    preview = preview_of(rows)
    assert preview.errors == [] and preview.year == 2025
    assert summary(preview) == [(2, "市民税課", Role.DXER, "", "番号 太郎", "new")]
    assert preview.unchanged == 2


def test_the_dxer_rule_of_the_rotation_form_holds_for_a_list(people, org):
    rows = [
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer"),
        person("viewer", "閲覧 四郎", "福祉部", "介護保険課", "DXer"),
        person("viewer", "閲覧 四郎", "企画部", "", "部長"),  # a head may also be DXer
    ]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (
            3,
            "職員番号",
            "閲覧 四郎さんは既に2行目で市民税課のDXerです。"
            "DXerが担当するのは1つの課です。",
        )
    ]


# Accounts of people who are new ------------------------------------------------


@DIRECTORY
def test_with_a_directory_new_people_get_directory_accounts(people, org):
    rows = [
        person("T0123", "新任　太郎", "市民生活部", "市民税課", "DXer"),
        person("t0456", "新井 部長 花子", "企画部", "", "部長"),
    ]
    preview = preview_of(rows)
    assert preview.is_clean
    assert [
        (new.row, new.user.username, new.user.get_full_name())
        for new in preview.new_accounts
    ] == [
        (2, "t0123", "新任 太郎"),
        (3, "t0456", "新井 部長 花子"),
    ]
    apply(rows, people, expected_digest=preview.digest)
    made = User.objects.get(username="t0123")
    assert (made.last_name, made.first_name) == ("新任", "太郎")
    assert not made.has_usable_password()  # only the directory signs it in
    assert made.is_active and not made.is_staff
    assert holder(2025, section=org.zeimu_ka) == made
    other = User.objects.get(username="t0456")
    assert (other.last_name, other.first_name) == ("新井", "部長 花子")
    assert holder(2025, role=Role.HEAD, department=org.kikaku) == other


@DIRECTORY
def test_a_new_person_on_two_rows_gets_one_account_with_one_name(people, org):
    rows = [
        person("t0123", "新任 太郎", "市民生活部", "市民税課", "DXer"),
        person("T0123", "新任 次郎", "企画部", "", "部長"),
    ]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (
            3,
            "氏名",
            "2行目ではこの職員の氏名が「新任 太郎」です。同じ氏名で書いてください。",
        )
    ]


def test_without_a_directory_accounts_are_made_first(people, org):
    rows = [person("t0123", "新任 太郎", "市民生活部", "市民税課", "DXer")]
    before = stored()
    with pytest.raises(StaffListRejected) as refusal:
        apply(rows, people)
    assert [(e.row, e.column, e.message) for e in refusal.value.preview.errors] == [
        (
            2,
            "職員番号",
            "「t0123」のアカウントがありません。先に「組織 › 職員と役割 › 職員を登録」"
            "で作成してから、ファイルをもう一度アップロードしてください。",
        )
    ]
    assert stored() == before
    with pytest.raises(Exception, match="LDAP_URL"):
        services.create_directory_account(username="t0123", full_name="新任 太郎")


# Rows that cannot be loaded ------------------------------------------------------

ROW_ERRORS = {
    "no person": (
        person("", "窓口 花子", "市民生活部", "市民課", "DXer"),
        "職員番号",
        "「職員番号」を入力してください。",
    ),
    "not a user name": (
        person("窓口 花子", "窓口 花子", "市民生活部", "市民課", "DXer"),
        "職員番号",
        "「窓口 花子」はユーザー名にできません。150文字以内の文字・数字と "
        "@ . + - _ で書いてください。",
    ),
    "another person's number": (
        person("dxer2", "窓口 花子", "市民生活部", "市民課", "DXer"),
        "氏名",
        "ポータルでは「dxer2」は介護 三奈さんです。職員番号を確認するか、"
        "「組織 › 職員と役割」で氏名を直してください。",
    ),
    "HTML in the name": (
        person("viewer", "<b>閲覧</b> 四郎", "市民生活部", "市民税課", "DXer"),
        "氏名",
        "氏名は < や > を含まない文字で書いてください。",
    ),
    "no name": (
        person("viewer", "", "市民生活部", "市民税課", "DXer"),
        "氏名",
        "「氏名」を入力してください。",
    ),
    "unknown role": (
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "課長"),
        "役割",
        "役割はDXer、部長、なしのいずれかで書いてください"
        "（役割がない場合は空欄でも構いません）。",
    ),
    "no date": (
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer", day=""),
        "発令日",
        "発令日を入力してください（例：2025-04-01、令和7年4月1日）。",
    ),
    "a date that cannot be read": (
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer", "4月1日"),
        "発令日",
        "2025-04-01、2025/4/1、令和7年4月1日のような日付を入力してください。",
    ),
    "a date that does not exist": (
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer", "2025-02-29"),
        "発令日",
        "2025-04-01、2025/4/1、令和7年4月1日のような日付を入力してください。",
    ),
    "unknown department": (
        person("viewer", "閲覧 四郎", "総務部", "市民税課", "DXer"),
        "部",
        "令和7年度に「総務部」という部はありません。",
    ),
    "unknown section": (
        person("viewer", "閲覧 四郎", "市民生活部", "戸籍課", "DXer"),
        "課",
        "令和7年度の市民生活部に「戸籍課」という課はありません。",
    ),
    "another department's section": (
        person("viewer", "閲覧 四郎", "福祉部", "市民税課", "DXer"),
        "課",
        "「市民税課」は市民生活部の課で、福祉部の課ではありません。",
    ),
    "a DXer without a section": (
        person("viewer", "閲覧 四郎", "市民生活部", "", "DXer"),
        "課",
        "「課」を入力してください。",
    ),
    "a head with a section": (
        person("viewer", "閲覧 四郎", "企画部", "デジタル行政推進課", "部長"),
        "課",
        "部長の行の課は空欄にしてください（部長は部を率います）。",
    ),
    "a head without a department": (
        person("viewer", "閲覧 四郎", "", "", "部長"),
        "部",
        "「部」を入力してください。",
    ),
}


@pytest.mark.parametrize("kind", ROW_ERRORS)
def test_each_bad_row_names_its_row_column_and_reason(kind, people, org):
    bad, column, message = ROW_ERRORS[kind]
    good = person("dxer2", "介護 三奈", "市民生活部", "市民課", "DXer")
    before = stored()
    with pytest.raises(StaffListRejected) as refusal:
        apply([good, bad], people)
    errors = refusal.value.preview.errors
    assert [(e.row, e.column, e.message) for e in errors] == [(3, column, message)]
    assert refusal.value.preview.changes == []
    assert stored() == before  # the good row is not written either


def test_rows_that_contradict_each_other(people, org):
    rows = [
        person("dxer", "窓口 花子", "市民生活部", "市民課", "DXer"),
        person("dxer2", "介護 三奈", "市民生活部", "市民課", "DXer"),
        person("head", "市民 一郎", "福祉部", "", "部長"),
        person("head2", "福祉 次郎", "福祉部", "", "部長"),
        person("dxer", "窓口 花子", role="なし"),
        person("viewer", "閲覧 四郎", "福祉部", "介護保険課", "DXer", "2026-04-01"),
    ]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (
            3,
            "課",
            "市民課は既に2行目にあります。DXerは課に1人、部長は部に1人です。",
        ),
        (
            5,
            "部",
            "福祉部は既に4行目にあります。DXerは課に1人、部長は部に1人です。",
        ),
        (
            6,
            "役割",
            "2行目で窓口 花子さんに役割があります。"
            "役割なしの職員をほかの行に書くことはできません。",
        ),
        (
            7,
            "発令日",
            "この日付は令和8年度ですが、2行目の日付は令和7年度です。"
            "1つのファイルには1つの年度の異動だけを書いてください。",
        ),
    ]


def test_retired_and_renamed_sections_follow_the_year(people, org):
    services.retire_unit(org.zeimu_ka, from_year=2025)
    renamed = services.rename_section(
        org.shimin_ka, name="市民窓口課", from_year=2025, by=people.dx_office
    )
    rows = [
        person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer"),
        person("dxer2", "介護 三奈", "", "市民課", "DXer"),
        person("dxer2", "介護 三奈", "市民生活部", "市民窓口課", "DXer"),
    ]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (2, "課", "市民税課は令和7年度から廃止されています。"),
        (3, "課", "市民課は令和7年度から名称が変わり、市民窓口課になりました。"),
    ]
    preview = preview_of(rows[2:])
    assert summary(preview) == [
        (2, "市民窓口課", Role.DXER, "窓口 花子", "介護 三奈", "replaced"),
        (2, "介護保険課", Role.DXER, "介護 三奈", "", "vacant"),
    ]
    # A list of the year before still knows 市民課 by its old name.
    old = preview_of([person("dxer", "窓口 花子", "", "市民課", "DXer", "2024-04-01")])
    assert old.is_clean and old.changes == []
    assert renamed.predecessor == org.shimin_ka


def test_a_section_name_in_two_departments_needs_its_department(people, org):
    for department, code in ((org.shimin, "SIM-09"), (org.fukushi, "FUK-09")):
        Section.objects.create(department=department, name="総務課", code=code)
    ambiguous = [person("viewer", "閲覧 四郎", "", "総務課", "DXer")]
    errors = [(e.row, e.column, e.message) for e in preview_of(ambiguous).errors]
    assert errors == [
        (2, "課", "「総務課」は市民生活部、福祉部の課です。部も書いてください。")
    ]
    named = preview_of([person("viewer", "閲覧 四郎", "福祉部", "総務課", "DXer")])
    assert [p.change.unit.department for p in named.changes] == [org.fukushi]


def test_an_account_that_is_switched_off_gets_no_role(people, org):
    people.viewer.is_active = False
    people.viewer.save(update_fields=["is_active"])
    rows = [person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (
            2,
            "職員番号",
            "閲覧 四郎さんのアカウントは無効になっています。"
            "先に「組織 › 職員と役割」で有効にしてください。",
        )
    ]
    # Ending the roles of someone who has left is fine.
    people.dxer.is_active = False
    people.dxer.save(update_fields=["is_active"])
    preview = preview_of([person("dxer", "窓口 花子", role="なし")])
    assert summary(preview) == [(2, "市民課", Role.DXER, "窓口 花子", "", "vacant")]


def test_a_later_years_holder_is_not_overwritten(people, org):
    services.assign_role(
        user=people.viewer,
        role=Role.DXER,
        section=org.zeimu_ka,
        start_year=2026,
        by=people.dx_office,
    )
    rows = [person("head", "市民 一郎", "市民生活部", "市民税課", "DXer")]
    errors = [(e.row, e.column, e.message) for e in preview_of(rows).errors]
    assert errors == [
        (
            2,
            "課",
            "市民税課には既に令和8年度から閲覧 四郎さんが登録されています。"
            "名簿は年度の順に読み込むか、先にその役割を終了してください。",
        )
    ]


def test_usernames_that_differ_only_in_case_are_refused(people, org):
    User.objects.create_user("Viewer", last_name="閲覧", first_name="四郎")
    rows = [person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")]
    errors = preview_of(rows).errors
    assert [(e.row, e.column) for e in errors] == [(2, "職員番号")]
    assert "大文字・小文字違いで" in errors[0].message


# All or nothing, and exactly what was previewed ------------------------------------


def test_the_digest_refuses_a_list_whose_roles_changed_since(people, org):
    rows = [person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")]
    preview = preview_of(rows)
    # Someone gives 福祉部's 介護保険課 to another person in the meantime.
    services.apply_rotation(
        year=2025,
        changes=[
            services.RotationChange(
                unit=org.kaigo_ka,
                role=Role.DXER,
                before=people.dxer2,
                after=people.head2,
            )
        ],
        by=people.dx_office,
    )
    before = stored()
    with pytest.raises(StaffListRejected) as refusal:
        apply(rows, people, expected_digest=preview.digest)
    assert refusal.value.changed and refusal.value.preview.is_clean
    assert stored() == before
    again = preview_of(rows)
    assert again.digest != preview.digest
    apply(rows, people, expected_digest=again.digest)
    assert holder(2025, section=org.zeimu_ka) == people.viewer


@DIRECTORY
def test_an_account_made_meanwhile_changes_the_digest(people, org):
    rows = [person("t0123", "新任 太郎", "市民生活部", "市民税課", "DXer")]
    preview = preview_of(rows)
    User.objects.create_user("t0123", last_name="新任", first_name="太郎")
    with pytest.raises(StaffListRejected) as refusal:
        apply(rows, people, expected_digest=preview.digest)
    assert refusal.value.changed
    assert not Assignment.objects.filter(section=org.zeimu_ka).exists()


def test_the_preview_writes_nothing(people, org):
    before = stored()
    preview_of([person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")])
    with DIRECTORY:
        preview_of([person("t9", "新任 太郎", "市民生活部", "市民税課", "DXer")])
    assert stored() == before


# Files -----------------------------------------------------------------------------


def rows_of(table) -> list[list[str]]:
    return [cells for _number, cells in table.rows]


def test_xlsx_with_date_cells_and_numbers_in_the_id_column(people, org):
    User.objects.create_user("1234", last_name="番号", first_name="一")
    data = xlsx_file(
        [
            {
                "職員番号": 1234,
                "氏名": "番号 一",
                "部": "市民生活部",
                "課": "市民税課",
                "役割": "DXer",
                "発令日": datetime(2025, 4, 1),  # noqa: DTZ001 - an Excel date cell
            }
        ]
    )
    table = read_staff_list(data, file_name="名簿.xlsx")
    assert rows_of(table) == [
        ["1234", "番号 一", "市民生活部", "市民税課", "DXer", "2025-04-01T00:00:00"]
    ]
    preview = services.preview_staff_list(table=table, file_name="名簿.xlsx")
    assert preview.is_clean and preview.year == 2025 and preview.new_dxers == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_csv_in_utf8_with_or_without_bom_and_in_cp932(encoding, people, org):
    rows = [
        person(
            "dxer",
            "窓口 花子",
            "市民生活部",
            "市民税課",
            "ＤＸｅｒ",
            "令和７年４月１日",
        )
    ]
    table = read_staff_list(csv_file(rows, encoding=encoding), file_name="名簿.csv")
    assert rows_of(table) == [
        ["dxer", "窓口 花子", "市民生活部", "市民税課", "ＤＸｅｒ", "令和７年４月１日"]
    ]
    assert services.preview_staff_list(table=table, file_name="x").is_clean


def test_columns_in_any_order_with_user_names_notes_and_blank_rows(people, org):
    header = ["備考", "発令日", "役割", "課", "部", "氏名", "ユーザー名"]
    row = person("viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer")
    row["ユーザー名"], row["備考"] = row.pop("職員番号"), "4月の異動"
    data = csv_file([row, {}], header=header)
    table = read_staff_list(b"\r\n" + data, file_name="名簿.csv")
    assert table.id_column == "ユーザー名"
    assert [number for number, _cells in table.rows] == [3]
    assert rows_of(table) == [
        ["viewer", "閲覧 四郎", "市民生活部", "市民税課", "DXer", "2025-04-01"]
    ]
    errors = services.preview_staff_list(
        table=table_of([person("", "閲覧 四郎", role="なし")], header=header),
        file_name="x",
    ).errors
    assert [(e.column, e.message) for e in errors] == [
        ("ユーザー名", "「ユーザー名」を入力してください。")
    ]


FILE_ERRORS = {
    "an old Excel file": (
        "名簿.xls",
        b"\xd0\xcf\x11\xe0",
        [
            "xlsxまたはCSVのファイル（.xlsx、.csv）を選んでください。"
            "古い形式のExcelファイル（.xls）は、先に.xlsx形式で保存し直してください。"
        ],
    ),
    "empty": ("名簿.csv", b"", ["ファイルが空です。"]),
    "header only": (
        "名簿.csv",
        csv_file([]),
        ["見出し行の下にデータの行がありません。"],
    ),
    "unreadable characters": (
        "名簿.csv",
        "職員番号,氏名\r\n".encode() + b"\x85\x40\xff\r\n",
        [
            "ファイルの文字を読み取れません。「CSV UTF-8」または"
            "Shift_JIS（cp932）のCSVとして保存してください。"
        ],
    ),
    "a broken workbook": (
        "名簿.xlsx",
        b"PK\x03\x04broken",
        [
            "xlsx形式のファイルとして読み取れません。Excelで開き、"
            "「Excelブック（*.xlsx）」またはCSVとして保存し直してください。"
        ],
    ),
}


@pytest.mark.parametrize("kind", FILE_ERRORS)
def test_files_that_cannot_be_read_are_refused_with_a_reason(kind):
    name, data, messages = FILE_ERRORS[kind]
    with pytest.raises(FileRejected) as refusal:
        read_staff_list(data, file_name=name)
    assert refusal.value.messages == messages


HEADER_ERRORS = {
    "missing and unknown": (
        ["職員番号", "氏名", "部", "課", "役職", "発令日"],
        ["足りない列：役割", "不明な列：役職"],
    ),
    "twice": (
        ["職員番号", "氏名", "部", "課", "役割", "発令日", "課"],
        ["見出し行に「課」の列が2つあります。"],
    ),
    "both id columns": (
        ["職員番号", "ユーザー名", *HEADER[1:]],
        ["職員を示す列は職員番号、ユーザー名のどちらか1つにしてください。"],
    ),
    "no id column": (
        HEADER[1:],
        ["足りない列：職員番号（またはユーザー名）"],
    ),
}


@pytest.mark.parametrize("kind", HEADER_ERRORS)
def test_a_header_row_that_does_not_match_names_the_columns(kind):
    header, problems = HEADER_ERRORS[kind]
    with pytest.raises(FileRejected) as refusal:
        read_staff_list(csv_file([{}], header=header), file_name="名簿.csv")
    lead, *rest = refusal.value.messages
    assert lead == (
        "1行目は名簿の見出し行にしてください。"
        "列は次のとおりです：職員番号、氏名、部、課、役割、発令日"
    )
    assert rest == problems


def test_more_rows_than_the_limit_are_refused():
    rows = [person(f"u{n}", "閲覧 四郎", role="なし") for n in range(MAX_ROWS + 1)]
    with pytest.raises(FileRejected) as refusal:
        read_staff_list(csv_file(rows), file_name="名簿.csv")
    assert refusal.value.messages == [
        "データの行が10,000行を超えています。10,000行以内のファイルに分けてください。"
    ]
    assert len(read_staff_list(csv_file(rows[:-1]), file_name="x.csv").rows) == MAX_ROWS


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    from initiatives.staff_list import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    rows = [person(f"u{n}", "閲覧 四郎" * 30, role="なし") for n in range(4000)]
    data = csv_file(rows)
    assert len(data) > 1024 * 1024
    with pytest.raises(FileRejected) as refusal:
        read_staff_list(data, file_name="名簿.csv")
    assert refusal.value.messages == [
        "ファイルが1MBを超えています。ファイルを分けてください。"
    ]
