"""Importing DX points: round trips, row errors in Japanese, all or nothing, roles."""

import io
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from initiatives import interchange, services
from initiatives.interchange import COLUMNS, point_rows, read_table
from initiatives.models import (
    AchievementReport,
    DxPoint,
    Plan,
    PointImport,
    PointState,
    ReportState,
    forget_roles,
)
from tests.initiatives.interchange_helpers import (
    csv_file,
    row,
    stored,
    table_of,
    xlsx_file,
)


def export(client, year=2024, file_type="csv") -> bytes:
    response = client.get(
        "/interchange/export/", {"year": year, "file_type": file_type}
    )
    assert response.status_code == 200, response.content[:500]
    return response.content


def preview_rows(rows, user, **kwargs):
    return interchange.preview_import(
        table=table_of(rows), file_name="points.csv", by=user, **kwargs
    )


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


# Round trips -----------------------------------------------------------------


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_export_then_import_unchanged_is_zero_changes(
    file_type, planning, make_year, make_point, people, org, client_as
):
    """Drafts, approved points, reports, tags, plans, formula-like, multi-line text."""
    last_year = make_year(2023, phase="closed")
    plan_row = Plan.objects.create(title="市民サービス向上計画", department=org.shimin)
    make_point(
        planning,
        title="=窓口の待ち時間を半分に",
        description="一行目\r\n二行目、「引用」, カンマ\n三行目",
        plan=plan_row,
        business="",
        principles=[1, 2, 5],
        baseline=Decimal("12.50"),
        target=Decimal("-3"),
    )
    make_point(
        planning, indicator_name="", indicator_unit="", baseline=None, target=None
    )
    make_point(planning, state="approved", report={"actual": 50, "state": "draft"})
    make_point(
        last_year,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
        report={
            "self_level": "B",
            "hours_saved": Decimal("1200.5"),
            "state": "confirmed",
        },
    )
    dxer = client_as("dxer")
    before = stored()
    for fiscal_year in (2024, 2023):
        data = export(dxer, fiscal_year, file_type)
        result = interchange.apply_import(
            table=read_table(data, file_name=f"export.{file_type}"),
            file_name=f"export.{file_type}",
            by=people.dxer,
        )
        assert errors_of(result) == []
        assert (len(result.creates), len(result.updates)) == (0, 0)
        assert result.unchanged == (3 if fiscal_year == 2024 else 1)
    assert stored() == before


def test_editing_one_cell_changes_exactly_that_with_history(
    planning, make_point, people, client_as
):
    point = make_point(planning, principles=[1, 3])
    other = make_point(planning, title="申請書の電子化")
    workbook = load_workbook(io.BytesIO(export(client_as("dxer"), file_type="xlsx")))
    sheet = workbook.active
    target_column = COLUMNS.index("目標値") + 1
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == point.pk:
            cells[target_column - 1].value = "１，２００"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), file_name="令和6年度_市民課.xlsx")

    preview = interchange.preview_import(
        table=table, file_name="令和6年度_市民課.xlsx", by=people.dxer
    )
    assert preview.unchanged == 1 and not preview.creates
    [update] = preview.updates
    assert [(c.column, c.old, c.new) for c in update.changes] == [
        ("目標値", "100", "1200")
    ]
    before = stored()
    interchange.apply_import(
        table=table, file_name="令和6年度_市民課.xlsx", by=people.dxer
    )

    point.refresh_from_db()
    other.refresh_from_db()
    assert point.target == Decimal(1200) and point.revision == 2
    assert other.revision == 1 and other.target == Decimal(100)
    assert set(point.principles.values_list("number", flat=True)) == {1, 3}
    after = stored()
    assert after["initiatives.HistoricalDxPoint"] == (
        before["initiatives.HistoricalDxPoint"] + 1
    )
    record = point.history.order_by("-history_id").first()
    assert record.history_user == people.dxer
    assert record.history_type == "~"
    assert record.history_change_reason == (
        "ファイル「令和6年度_市民課.xlsx」から取り込み"
    )
    previous = record.prev_record
    delta = record.diff_against(previous, excluded_fields=["revision", "updated_at"])
    assert [change.field for change in delta.changes] == ["target"]
    # The tags are kept in the history record too, so they do not look removed.
    assert sorted(r.principle.number for r in record.principles.all()) == [1, 3]


def test_dxer_creates_drafts_of_their_section(planning, people, org):
    rows = [
        row(),
        row(**{"DXポイント": "窓口予約", "心得": "２", "基準値": "１，０００"}),
    ]
    before = stored()
    result = interchange.apply_import(
        table=table_of(rows), file_name="新規.csv", by=people.dxer
    )
    assert len(result.creates) == 2
    first, second = DxPoint.objects.order_by("pk")
    assert first.section == org.shimin_ka and first.state == PointState.DRAFT
    assert first.created_by == people.dxer
    assert sorted(first.principles.values_list("number", flat=True)) == [1, 3]
    assert list(first.focus_areas.values_list("number", flat=True)) == [2]
    assert first.stage == "digitalization"
    assert second.baseline == Decimal(1000)
    after = stored()
    assert after["initiatives.DxPoint"] == before["initiatives.DxPoint"] + 2
    assert after["initiatives.HistoricalDxPoint"] == 2
    record = first.history.get()
    assert record.history_type == "+" and record.history_user == people.dxer
    assert "新規.csv" in record.history_change_reason
    assert sorted(r.principle.number for r in record.principles.all()) == [1, 3]


def row_of(point: DxPoint, **changes: str) -> dict[str, str]:
    """The row the export writes for ``point``, with some cells changed."""
    values = list(point_rows(DxPoint.objects.filter(pk=point.pk)))[1]
    cells = {
        name: "" if v is None else str(v)
        for name, v in zip(COLUMNS, values, strict=True)
    }
    return {**cells, **changes}


def rejected(rows, user, **kwargs) -> list[tuple[int, str, str]]:
    """Import ``rows`` expecting a refusal; check nothing at all was written."""
    before = stored()
    with pytest.raises(interchange.ImportRejected) as refusal:
        interchange.apply_import(
            table=table_of(rows), file_name="points.csv", by=user, **kwargs
        )
    assert stored() == before
    return errors_of(refusal.value.preview)


# Each kind of error: its row, column and Japanese reason; nothing written ----


@pytest.fixture
def points(planning, make_year, make_point, org):
    from types import SimpleNamespace

    return SimpleNamespace(
        draft=make_point(planning, title="窓口予約のオンライン化"),
        approved=make_point(planning, title="申請書の電子化", state="approved"),
        submitted=make_point(planning, title="電子申請の拡充", state="submitted"),
        theirs=make_point(planning, section=org.kaigo_ka, title="介護認定の電子化"),
        closed_year=make_year(2022, phase="closed"),
    )


ERRORS = {
    "unknown department": (
        lambda p: row(部="総務部"),
        "部",
        "「総務部」という部はありません。",
    ),
    "unknown section": (
        lambda p: row(課="戸籍課"),
        "課",
        "市民生活部に「戸籍課」という課はありません。",
    ),
    "principle that does not exist": (
        lambda p: row(心得="1;7"),
        "心得",
        "DXの心得7はありません。心得の番号は1、2、3、4、5です。",
    ),
    "principles not written as numbers": (
        lambda p: row(心得="心得1、心得3"),
        "心得",
        "DXの心得は番号を ; で区切って入力してください（例：1;3）。",
    ),
    "target equal to baseline": (
        lambda p: row(基準値="30", 目標値="３０"),
        "目標値",
        "目標値は基準値と異なる値にしてください。",
    ),
    "text where a number belongs": (
        lambda p: row(基準値="約10件"),
        "基準値",
        "数値を入力してください（例：1200、１，２００）。",
    ),
    "a section the person may not edit": (
        lambda p: row(部="福祉部", 課="介護保険課"),
        "課",
        "福祉部 介護保険課のDXポイントを入力する権限がありません。"
        "入力できるのはその課のDXerだけです。",
    ),
    "an ID of another section": (
        lambda p: row_of(p.theirs),
        "ID",
        "ID {theirs} は他の課のDXポイントです。"
        "ファイルには自分の課のポイントだけを入れてください。",
    ),
    "an approved point only its head may reopen": (
        lambda p: row_of(p.approved, 目標値="120"),
        "目標値",
        "ID {approved} のDXポイントは承認済みです。"
        "部長が差し戻した後でないと変更できません。",
    ),
    "a submitted point waiting for review": (
        lambda p: row_of(p.submitted, 内容="書き直し"),
        "内容",
        "ID {submitted} のDXポイントは部長の確認待ちのため、今は変更できません。",
    ),
    "an ID that does not exist": (
        lambda p: row(ID="99999"),
        "ID",
        "ID 99999 のDXポイントはありません。新しいポイントはIDを空欄にしてください。",
    ),
    "an ID that is not a number": (
        lambda p: row(ID="No.3"),
        "ID",
        "IDは数字で入力してください。新しいポイントは空欄にします。",
    ),
    "a fiscal year that cannot be read": (
        lambda p: row(年度="令和六年度"),
        "年度",
        "年度は「2024」または「令和6年度」のように入力してください。",
    ),
    "a fiscal year not opened": (
        lambda p: row(年度="2030"),
        "年度",
        "令和12年度はまだポータルで開始されていません。",
    ),
    "a fiscal year outside the range": (
        lambda p: row(年度="0001"),
        "年度",
        "年度は2000〜2100の範囲で入力してください。",
    ),
    "a closed year, from a DXer": (
        lambda p: row(年度="令和4年度"),
        "年度",
        "令和4年度は「終了」の段階です。新しいDXポイントは「目標設定」の段階で入力します。",
    ),
    "moving a point to another year": (
        lambda p: row_of(p.draft, 年度="2022"),
        "年度",
        "登録済みのDXポイントの年度は変更できません（ID {draft} は令和6年度です）。",
    ),
    "moving a point to another section": (
        lambda p: row_of(p.draft, 課="市民税課"),
        "課",
        "登録済みのDXポイントの部・課は変更できません"
        "（ID {draft} は市民生活部 市民課のポイントです）。",
    ),
    "a report on a new point": (
        lambda p: row(効果="早くなった"),
        "効果",
        "新しいDXポイントにはまだ年度末報告がありません。"
        "実績値、達成度、効果、削減時間、次年度への課題は空欄にしてください。",
    ),
    "an unknown stage": (
        lambda p: row(段階="電子化"),
        "段階",
        "段階は次のいずれかで入力してください：デジタイゼーション、"
        "デジタライゼーション、デジタル・トランスフォーメーション（DX）",
    ),
    "an unknown focus area": (
        lambda p: row(重点取組事項="2;ペーパーレス"),
        "重点取組事項",
        "「ペーパーレス」という重点取組事項はありません。"
        "重点取組事項の名称または番号（1〜6）を ; で区切って入力してください。",
    ),
    "an unknown plan": (
        lambda p: row(計画="存在しない計画"),
        "計画",
        "その年度に「存在しない計画」という計画はありません。"
        "ポータルの一覧にあるとおりの計画名を入力するか、"
        "計画を空欄にして事務事業を入力してください。",
    ),
    "neither plan nor business": (
        lambda p: row(事務事業=""),
        "事務事業",
        "行政計画を選ぶか、事務事業名を入力してください。",
    ),
    "half an indicator": (
        lambda p: row(単位=""),
        "指標",
        "指標には指標名・単位・基準値・目標値のすべてが必要です。未入力：単位",
    ),
    "a title left empty": (
        lambda p: row(DXポイント=" "),
        "DXポイント",
        "「DXポイント」を入力してください。",
    ),
    "a title that is too long": (
        lambda p: row(DXポイント="あ" * 201),
        "DXポイント",
        "この値は 200 文字以下でなければなりません( 201 文字になっています)。",
    ),
    "too many decimal places": (
        lambda p: row(基準値="1.234"),
        "基準値",
        "この値は小数点以下が合計 2 桁以内でなければなりません。",
    ),
}


@pytest.mark.parametrize("kind", ERRORS)
def test_each_error_names_row_column_and_reason_and_nothing_is_written(
    kind, points, people
):
    build, column, message = ERRORS[kind]
    ids = {
        name: getattr(points, name).pk
        for name in ("draft", "approved", "submitted", "theirs")
    }
    rows = [row(DXポイント="正しい行"), build(points)]
    assert rejected(rows, people.dxer) == [(3, column, message.format(**ids))]


def test_a_duplicated_id_is_refused_at_its_second_row(points, people):
    rows = [row_of(points.draft, 目標値="90"), row(), row_of(points.draft)]
    assert rejected(rows, people.dxer) == [
        (
            4,
            "ID",
            f"ID {points.draft.pk} は2行目にもあります。"
            "1つのポイントは1行にしてください。",
        )
    ]


def test_a_new_point_may_not_repeat_a_name_its_section_has_that_year(points, people):
    """A row without an ID creates: a second copy of a point is refused."""
    draft = points.draft
    rows = [row(DXポイント="正しい行"), row(DXポイント=" 窓口予約のオンライン化 ")]
    assert rejected(rows, people.dxer) == [
        (
            3,
            "DXポイント",
            "市民生活部 市民課には令和6年度のDXポイント「窓口予約のオンライン化」が"
            f"すでにあります（ID {draft.pk}）。変更するにはID列に{draft.pk}と書き、"
            "別のポイントなら名前を変えてください。",
        )
    ]


def test_a_file_may_not_create_the_same_point_twice(planning, people):
    rows = [row(), row(DXポイント="別の行"), row(DXポイント="証明書のコンビニ交付")]
    assert rejected(rows, people.dxer) == [
        (
            4,
            "DXポイント",
            "令和6年度の市民生活部 市民課のDXポイント「証明書のコンビニ交付」は"
            "2行目にもあります。1つのポイントは1行にしてください。",
        )
    ]


def test_the_same_name_in_another_section_or_year_is_a_new_point(
    points, people, make_year
):
    """Names repeat across sections and years (carry-forward keeps its name)."""
    make_year(2025)
    theirs = row(部="福祉部", 課="介護保険課", DXポイント="窓口予約のオンライン化")
    next_year = row(年度="2025", DXポイント="窓口予約のオンライン化")
    for rows, user in (([theirs], people.dxer2), ([next_year], people.dxer)):
        result = preview_rows(rows, user)
        assert not result.errors and len(result.creates) == 1


def test_every_bad_cell_of_a_row_is_reported(planning, people):
    rows = [row(部="", 心得="", 段階="", 基準値="abc")]
    assert [(r, c) for r, c, _m in rejected(rows, people.dxer)] == [
        (2, "部"),
        (2, "心得"),
        (2, "段階"),
        (2, "基準値"),
    ]


def test_an_error_in_row_5000_writes_nothing(planning, people):
    rows = [row(DXポイント=f"ポイント{n}") for n in range(4999)]
    rows.append(row(DXポイント="最後の行", 目標値="5"))
    started = time.perf_counter()
    errors = rejected(rows, people.dxer)
    assert errors == [(5001, "目標値", "目標値は基準値と異なる値にしてください。")]
    assert time.perf_counter() - started < 60


def test_a_5000_row_import_finishes(planning, people, capsys):
    table = table_of([row(DXポイント=f"ポイント{n}") for n in range(5000)])
    started = time.perf_counter()
    result = interchange.apply_import(table=table, file_name="5000.csv", by=people.dxer)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n5,000-row import: {elapsed:.2f} s on {connection.vendor}")
    assert len(result.creates) == 5000
    counts = stored()
    assert counts["initiatives.DxPoint"] == 5000
    assert counts["initiatives.HistoricalDxPoint"] == 5000
    assert counts["principles"] == 10000
    assert counts["initiatives.HistoricalDxPoint_principles"] == 10000


def test_loading_a_closed_year_runs_the_same_queries_for_3_and_30_rows(
    closed_year, people
):
    """Each report's level is worked out from its point and year in memory."""

    def queries(first: int, count: int) -> int:
        rows = [
            row(
                年度=str(closed_year.year),
                DXポイント=f"過去のポイント{n}",
                実績値="25",  # 5 → 30: a rate of exactly 80, level B
                効果="効果があった。",
            )
            for n in range(first, first + count)
        ]
        with CaptureQueriesContext(connection) as captured:
            interchange.apply_import(
                table=table_of(rows),
                file_name="past.csv",
                by=people.dx_office,
                load_closed_years=True,
            )
        return len(captured)

    queries(0, 1)  # the first import also reads what stays cached (roles …)
    assert queries(1, 3) == queries(4, 30)
    levels = AchievementReport.objects.values_list("level", flat=True)
    assert list(levels) == ["B"] * 34


def test_planning_runs_the_same_queries_for_3_and_30_rows(points, people):
    def queries(count: int) -> int:
        forget_roles(people.dxer)
        rows = [row(DXポイント=f"ポイント{n}") for n in range(count)]
        rows += [row_of(points.draft, 目標値="90"), row_of(points.approved)]
        with CaptureQueriesContext(connection) as captured:
            result = preview_rows(rows, people.dxer)
        assert len(result.creates) == count and not result.errors
        return len(captured)

    # roles, years, departments, sections, plans, principles, focus areas,
    # points by ID, their principles, their focus areas; the names of the
    # year's points (new points must not repeat them)
    assert queries(3) == queries(30) == 11


# What a row may do follows the person's role ------------------------------------


def test_a_dxers_file_naming_other_sections_is_refused_row_by_row(points, people):
    rows = [
        row(),
        row(部="福祉部", 課="介護保険課"),
        row_of(points.theirs),
        row_of(points.draft, 目標値="80"),
        row_of(points.theirs, 目標値="80"),
    ]
    errors = rejected(rows, people.dxer)
    assert [(r, c) for r, c, _m in errors] == [(3, "課"), (4, "ID"), (6, "ID")]


@pytest.mark.parametrize("who", ["head", "dx_office"])
def test_heads_and_the_dx_office_change_no_points_but_may_reimport_unchanged(
    who, points, people
):
    person = getattr(people, who)
    unchanged = [row_of(points.draft), row_of(points.approved)]
    result = interchange.apply_import(
        table=table_of(unchanged), file_name="x.csv", by=person
    )
    assert result.unchanged == 2 and not result.has_changes
    errors = rejected([row_of(points.draft, 目標値="80"), row()], person)
    assert errors == [
        (
            2,
            "目標値",
            "このDXポイントを変更できるのは市民生活部 市民課のDXerだけです。",
        ),
        (
            3,
            "課",
            "市民生活部 市民課のDXポイントを入力する権限がありません。"
            "入力できるのはその課のDXerだけです。",
        ),
    ]


def test_a_returned_point_changes_and_its_tags_too(planning, make_point, people):
    point = make_point(planning, state="returned", principles=[2])
    interchange.apply_import(
        table=table_of([row_of(point, 心得="2;4", 重点取組事項="3", 段階="DX")]),
        file_name="x.csv",
        by=people.dxer,
    )
    point.refresh_from_db()
    assert point.stage == "transformation" and point.revision == 2
    assert sorted(point.principles.values_list("number", flat=True)) == [2, 4]
    assert list(point.focus_areas.values_list("number", flat=True)) == [3]
    record = point.history.order_by("-history_id").first()
    assert sorted(r.principle.number for r in record.principles.all()) == [2, 4]


def test_year_end_reports_are_written_in_the_reporting_phase(
    make_year, make_point, people
):
    planning = make_year(2024, phase="reporting")
    numeric = make_point(planning, state="approved")
    qualitative = make_point(
        planning,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
    )
    confirmed = make_point(
        planning, state="approved", report={"actual": 100, "state": "confirmed"}
    )
    rows = [
        row_of(numeric, 実績値="８０", 効果="待ち時間が減った", 削減時間="１，２００"),
        row_of(qualitative, 達成度="b", 効果="紙が減った"),
        row_of(confirmed),
    ]
    result = interchange.apply_import(
        table=table_of(rows), file_name="報告.csv", by=people.dxer
    )
    assert len(result.updates) == 2 and result.unchanged == 1
    numeric.refresh_from_db()
    assert numeric.report.actual == 80 and numeric.report.hours_saved == 1200
    assert numeric.report.state == ReportState.DRAFT and numeric.report.level == "B"
    qualitative.refresh_from_db()
    assert qualitative.report.self_level == "B"
    imported = AchievementReport.history.filter(
        history_change_reason="ファイル「報告.csv」から取り込み"
    )
    assert sorted(imported.values_list("history_type", flat=True)) == ["+", "+"]
    assert "報告.csv" in numeric.report.history.get().history_change_reason

    errors = rejected([row_of(confirmed, 効果="書き直し")], people.dxer)
    assert errors == [
        (
            2,
            "効果",
            f"ID {confirmed.pk} の年度末報告は「確認済み」のため、今は変更できません。",
        )
    ]
    errors = rejected([row_of(numeric, 実績値="")], people.dxer)
    assert errors == [(2, "実績値", "指標の実績値を入力してください。")]


# Upload, preview, confirm in the browser -------------------------------------------


def upload(client, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/interchange/import/", {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_and_confirm(points, people, client_as):
    dxer = client_as("dxer")
    rows = [row(), row_of(points.draft, 目標値="150"), row_of(points.approved)]
    response = upload(dxer, xlsx_file(rows), "令和6年度.xlsx")
    stored_upload = PointImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/interchange/import/{stored_upload.pk}/"
    assert not DxPoint.objects.filter(title=row()["DXポイント"]).exists()

    preview = dxer.get(response["Location"])
    body = preview.content.decode()
    assert "証明書のコンビニ交付" in body
    assert "<strong>目標値</strong>: 100 → 150" in body
    assert "1件を取り込む" not in body and "2件を取り込む" in body
    digest = preview.context["preview"].digest

    done = dxer.post(response["Location"], {"digest": digest})
    assert done.status_code == 302 and done["Location"] == "/points/?year=2024"
    points.draft.refresh_from_db()
    assert points.draft.target == 150
    assert DxPoint.objects.filter(title="証明書のコンビニ交付").count() == 1
    stored_upload.refresh_from_db()
    assert stored_upload.applied_at is not None and stored_upload.rows == []
    message = [str(m) for m in done.wsgi_request._messages]
    assert message == [
        "「令和6年度.xlsx」を取り込みました（新しいDXポイント1件、変更1件）。"
    ]

    again = dxer.post(response["Location"], {"digest": digest})
    assert again.status_code == 302
    assert DxPoint.objects.filter(title="証明書のコンビニ交付").count() == 1


def test_the_preview_lists_errors_and_offers_no_confirmation(points, people, client_as):
    dxer = client_as("dxer")
    response = upload(dxer, csv_file([row(), row(心得="9")]), "x.csv")
    preview = dxer.get(response["Location"])
    body = preview.content.decode()
    assert '<th scope="row">3</th><td>心得</td><td>DXの心得9はありません。' in body
    assert "件を取り込む" not in body
    before = stored()
    refused = dxer.post(
        response["Location"], {"digest": preview.context["preview"].digest}
    )
    assert refused.status_code == 200 and stored() == before


def test_a_change_after_the_preview_stops_the_import(points, people, client_as):
    dxer = client_as("dxer")
    response = upload(dxer, csv_file([row_of(points.draft, 目標値="150")]), "x.csv")
    digest = dxer.get(response["Location"]).context["preview"].digest
    services.update_point(
        points.draft,
        fields={"title": "別の人が変えた"},
        m2m={},
        revision=1,
        by=people.dxer,
    )
    before = stored()
    again = dxer.post(response["Location"], {"digest": digest})
    assert again.status_code == 200 and again.context["changed"]
    assert "ほかの人がこれらのDXポイントを変更したため" in again.content.decode()
    assert stored() == before
    points.draft.refresh_from_db()
    assert points.draft.target == 100


def test_a_bad_file_stays_on_the_upload_page(planning, client_as):
    dxer = client_as("dxer")
    response = upload(dxer, b"", "x.csv")
    assert response.status_code == 200
    assert "ファイルが空です。" in response.content.decode()
    response = upload(dxer, csv_file([row()], header=COLUMNS[:-1]), "x.csv")
    assert "足りない列：次年度への課題" in response.content.decode()
    assert not PointImport.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "head", "dx_office"])
def test_only_dxers_import_in_the_browser(who, planning, client_as):
    response = upload(client_as(who), csv_file([row()]), "x.csv")
    assert response.status_code == 403
    assert not PointImport.objects.exists() and not DxPoint.objects.exists()


def test_nobody_confirms_another_persons_upload(planning, people, client_as):
    response = upload(client_as("dxer"), csv_file([row()]), "x.csv")
    other = client_as("dxer2").post(response["Location"], {"digest": "x"})
    assert other.status_code == 404
    assert not DxPoint.objects.exists()


def test_a_file_over_the_size_limit_is_refused_on_upload(
    planning, client_as, monkeypatch
):
    monkeypatch.setattr(interchange.files, "MAX_FILE_BYTES", 1024 * 1024)
    data = csv_file([row(内容="あ" * 2000) for _n in range(200)])
    response = upload(client_as("dxer"), data, "big.csv")
    assert response.status_code == 200
    assert "ファイルが1MBを超えています。ファイルを分けてください。" in (
        response.content.decode()
    )
    assert not PointImport.objects.exists()


def test_the_interchange_page_offers_the_import_to_dxers_only(planning, client_as):
    upload_link = 'href="/interchange/import/"'
    assert upload_link in client_as("dxer").get("/interchange/").content.decode()
    page = client_as("head").get("/interchange/").content.decode()
    assert upload_link not in page
    assert 'href="/interchange/template.xlsx"' in page
    assert 'name="department"' not in page
    page = client_as("dx_office").get("/interchange/").content.decode()
    assert 'name="department"' in page and upload_link not in page
