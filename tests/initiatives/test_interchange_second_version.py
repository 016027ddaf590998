"""The interchange format's second version (DESIGN.md "Interchange format").

要因分析, 今後の方向性, 削減時間の根拠, 年間件数, 1件あたり削減分, 導入前時間,
導入後時間, 技術 and 導入状況 follow 次年度への課題. A file without them (every
file made with the first version, as the helpers of the older tests write)
imports exactly as before and leaves what they hold alone; exports write
every column, and an unchanged export imports with zero changes.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import interchange
from initiatives.interchange import (
    ALL_COLUMNS,
    COLUMNS,
    FileRejected,
    point_rows,
    read_table,
)
from initiatives.models import (
    AchievementReport,
    DxPoint,
    FiscalYear,
    Technology,
    forget_roles,
)
from tests.initiatives.interchange_helpers import csv_file, row, stored, xlsx_file


@pytest.fixture
def year(make_year):
    return make_year(2024, phase="reporting")


@pytest.fixture
def measured(year, make_point):
    """An approved point with technologies and a draft report with every measure."""
    point = make_point(year, state="approved", technology_status="introduced")
    point.technologies.set(Technology.objects.filter(name__in=["RPA", "AI-OCR"]))
    AchievementReport.objects.create(
        point=point,
        actual=Decimal(40),
        effect="入力作業が減った。",
        analysis="帳票の種類が多く、読み取れない書類が残った。",
        direction="improve",
        hours_basis="cases",
        annual_cases=1200,
        minutes_per_case=Decimal(3),
        next_steps="帳票を統一する。",
    )
    return DxPoint.objects.get(pk=point.pk)


def cells_of(point: DxPoint, columns=ALL_COLUMNS, **changes) -> dict[str, str]:
    """The row the export writes for ``point`` (all columns), some cells changed."""
    values = list(point_rows(DxPoint.objects.filter(pk=point.pk), columns))[1]
    cells = {
        name: "" if v is None else str(v)
        for name, v in zip(columns, values, strict=True)
    }
    return {**cells, **changes}


def table(rows, header=ALL_COLUMNS):
    return read_table(csv_file(rows, header=header), file_name="points.csv")


def preview(rows, user, header=ALL_COLUMNS):
    return interchange.preview_import(
        table=table(rows, header), file_name="points.csv", by=user
    )


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


# Exports write every column; an unchanged export changes nothing -------------


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_a_new_format_export_imports_again_with_zero_changes(
    file_type, measured, make_point, year, people, client_as
):
    make_point(
        year,
        title="評価できなかったポイント",
        state="approved",
        report={"self_level": "na", "analysis": "国の仕様が未確定。", "effect": "—"},
    )
    response = client_as("dxer").get(
        "/interchange/export/", {"year": 2024, "file_type": file_type}
    )
    data = response.content
    parsed = read_table(data, file_name=f"export.{file_type}")
    assert parsed.columns == ALL_COLUMNS
    cells = dict(zip(ALL_COLUMNS, parsed.rows[0][1], strict=True))
    assert (cells["削減時間の根拠"], cells["年間件数"], cells["削減時間"]) == (
        "件数×分",
        "1200",
        "60",
    )
    assert (cells["今後の方向性"], cells["技術"], cells["導入状況"]) == (
        "改善",
        "RPA;AI-OCR",
        "導入済み",
    )
    na = dict(zip(ALL_COLUMNS, parsed.rows[1][1], strict=True))
    assert (na["達成度"], na["削減時間の根拠"]) == ("評価不能", "直接入力")
    before = stored()
    result = interchange.apply_import(
        table=parsed, file_name=f"export.{file_type}", by=people.dxer
    )
    assert errors_of(result) == []
    assert (len(result.creates), len(result.updates), result.unchanged) == (0, 0, 2)
    assert stored() == before


# A first-version file imports exactly as before ------------------------------


def test_a_first_version_file_leaves_the_new_fields_alone(measured, people):
    rows = [cells_of(measured, COLUMNS, 効果="入力作業が半分になった。")]
    result = interchange.apply_import(
        table=table(rows, COLUMNS), file_name="旧様式.csv", by=people.dxer
    )
    assert errors_of(result) == []
    assert [c.column for c in result.updates[0].changes] == ["効果"]
    point = DxPoint.objects.get(pk=measured.pk)
    report = point.report
    assert report.effect == "入力作業が半分になった。"
    assert (report.hours_basis, report.annual_cases, report.hours_saved) == (
        "cases",
        1200,
        Decimal(60),
    )
    assert (report.direction, report.analysis[:2]) == ("improve", "帳票")
    assert sorted(t.name for t in point.technologies.all()) == ["AI-OCR", "RPA"]


def test_hours_typed_in_a_first_version_file_are_typed_directly(measured, people):
    rows = [cells_of(measured, COLUMNS, 削減時間="75")]
    result = interchange.apply_import(
        table=table(rows, COLUMNS), file_name="旧様式.csv", by=people.dxer
    )
    changes = {c.column: (c.old, c.new) for c in result.updates[0].changes}
    assert changes["削減時間"] == ("60", "75")
    assert changes["削減時間の根拠"] == ("件数×分", "直接入力")
    report = AchievementReport.objects.get()
    assert (report.hours_basis, report.annual_cases, report.hours_saved) == (
        "direct",
        None,
        Decimal(75),
    )


def test_a_first_version_file_need_not_give_the_analysis_of_a_c(
    year, make_point, people
):
    point = make_point(year, state="approved")
    rows = [cells_of(point, COLUMNS, 実績値="50", 効果="半分まで進んだ。")]
    interchange.apply_import(
        table=table(rows, COLUMNS), file_name="旧様式.csv", by=people.dxer
    )
    assert AchievementReport.objects.get().level == "C"
    # The second version asks for it, since the file can give it.
    other = make_point(year, title="別のポイント", state="approved")
    result = preview([cells_of(other, 実績値="50", 効果="半分。")], people.dxer)
    assert errors_of(result) == [
        (2, "要因分析", "要因分析を書いてください（達成度がCになった要因）。")
    ]


def test_not_assessed_in_a_first_version_file_asks_for_the_new_columns(
    year, make_point, people
):
    point = make_point(year, state="approved")
    rows = [cells_of(point, COLUMNS, 達成度="評価不能", 効果="測れなかった。")]
    result = preview(rows, people.dxer, COLUMNS)
    assert errors_of(result) == [
        (
            2,
            "達成度",
            "評価不能にするには、その理由を要因分析（様式の第2版の列）に書く必要が"
            "あります。テンプレートをダウンロードし直して列を追加してください。",
        )
    ]


def test_second_version_columns_come_together():
    header = [*COLUMNS, "要因分析", "技術"]
    with pytest.raises(FileRejected) as refusal:
        read_table(csv_file([row()], header=header), file_name="x.csv")
    assert refusal.value.messages[1] == (
        "様式の第2版の列（要因分析、今後の方向性、削減時間の根拠、年間件数、"
        "1件あたり削減分、導入前時間、導入後時間、技術、導入状況）はすべてそろえて"
        "ください。足りない列：今後の方向性、削減時間の根拠、年間件数、"
        "1件あたり削減分、導入前時間、導入後時間、導入状況"
    )


def test_columns_of_either_version_may_come_in_any_order(year, people):
    data = xlsx_file([row(技術="RPA", 導入状況="planned")], header=ALL_COLUMNS[::-1])
    parsed = read_table(data, file_name="逆順.xlsx")
    cells = dict(zip(ALL_COLUMNS, parsed.rows[0][1], strict=True))
    assert (cells["技術"], cells["導入状況"]) == ("RPA", "planned")


# The new columns' rules --------------------------------------------------------


def test_the_basis_works_out_the_hours_and_numbers_may_be_full_width(
    year, make_point, people
):
    point = make_point(year, state="approved")
    rows = [
        cells_of(
            point,
            実績値="１００",
            効果="早くなった。",
            削減時間の根拠="件数×分",
            年間件数="１，２００",
            **{"1件あたり削減分": "２．５"},
            今後の方向性="expand",
        )
    ]
    result = interchange.apply_import(
        table=table(rows), file_name="x.csv", by=people.dxer
    )
    assert errors_of(result) == []
    report = AchievementReport.objects.get()
    assert (report.annual_cases, report.minutes_per_case) == (1200, Decimal("2.5"))
    assert (report.hours_saved, report.direction) == (Decimal(50), "expand")


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            {
                "削減時間の根拠": "前後比較",
                "導入前時間": "500",
                "導入後時間": "320",
                "削減時間": "200",
            },
            "削減時間",
            "削減時間は根拠から求めた180時間（導入前500時間 − 導入後320時間 ＝ "
            "180時間）と同じにするか、空欄にしてください。",
        ),
        (
            {"削減時間の根拠": "件数×分", "年間件数": "12.5", "1件あたり削減分": "3"},
            "年間件数",
            "0以上の整数で入力してください。",
        ),
        (
            {"削減時間の根拠": "件数×分", "年間件数": "100"},
            "1件あたり削減分",
            "1件あたり削減分（分）を入力してください。",
        ),
        (
            {"年間件数": "100", "削減時間": "5"},
            "年間件数",
            "根拠が「直接入力」のときは空欄にしてください。",
        ),
        (
            {"削減時間の根拠": "概算"},
            "削減時間の根拠",
            "削減時間の根拠は次のいずれかで入力してください：件数×分、前後比較、直接入力",
        ),
        (
            {"今後の方向性": "見直し"},
            "今後の方向性",
            "今後の方向性は次のいずれかで入力してください："
            "拡充、継続、改善、完了、統合、廃止",
        ),
        (
            {"達成度": "評価不能", "実績値": ""},
            "要因分析",
            "評価できない（評価不能）理由を書いてください。",
        ),
        (
            {"達成度": "評価不能", "実績値": "80", "要因分析": "測れない。"},
            "実績値",
            "評価不能のポイントには実績値がありません。空欄にしてください。",
        ),
        (
            {"技術": "RPA;量子計算", "導入状況": "導入済み"},
            "技術",
            "「量子計算」という技術はありません。"
            "ポータルの一覧にある名称を ; で区切って入力してください："
            "AI、生成AI、RPA、AI-OCR、電子申請、キャッシュレス決済、"
            "ペーパーレス、テレワーク、クラウド、IoT、オープンデータ",
        ),
        (
            {"技術": "RPA"},
            "導入状況",
            "技術の導入状況を選んでください。",
        ),
    ],
)
def test_each_rule_of_the_new_columns_names_row_column_and_reason(
    cells, column, message, year, make_point, people
):
    point = make_point(year, state="approved")
    base = {"実績値": "100", "効果": "早くなった。"}
    result = preview([cells_of(point, **{**base, **cells})], people.dxer)
    assert errors_of(result) == [(2, column, message)]
    assert not AchievementReport.objects.exists()


def test_not_assessed_with_its_reason_is_accepted(year, make_point, people):
    point = make_point(year, state="approved")
    rows = [cells_of(point, 達成度="na", 要因分析="測れない。", 効果="—")]
    interchange.apply_import(table=table(rows), file_name="x.csv", by=people.dxer)
    report = AchievementReport.objects.get()
    assert (report.level, report.rate) == ("na", None)


def test_technologies_change_on_a_draft_and_empty_cells_remove_them(
    make_year, make_point, people
):
    make_year(2024)
    point = make_point(FiscalYear.objects.get(year=2024))
    rows = [cells_of(point, 技術="ＲＰＡ;テレワーク", 導入状況="導入予定")]
    result = interchange.apply_import(
        table=table(rows), file_name="x.csv", by=people.dxer
    )
    assert {c.column: c.new for c in result.updates[0].changes} == {
        "技術": "RPA;テレワーク",
        "導入状況": "導入予定",
    }
    point = DxPoint.objects.get()
    assert point.technology_status == "planned"
    assert sorted(t.name for t in point.technologies.all()) == ["RPA", "テレワーク"]
    history = point.history.first()
    assert sorted(t.technology.name for t in history.technologies.all()) == [
        "RPA",
        "テレワーク",
    ]
    interchange.apply_import(
        table=table([cells_of(point, 技術="", 導入状況="")]),
        file_name="x.csv",
        by=people.dxer,
    )
    point = DxPoint.objects.get()
    assert (point.technology_status, point.technologies.count()) == ("", 0)


def test_planning_a_second_version_file_runs_a_fixed_number_of_queries(
    make_year, make_point, people
):
    year = make_year(2024)
    draft = make_point(year, title="窓口予約のオンライン化")

    def queries(count: int) -> int:
        forget_roles(people.dxer)
        rows = [
            row(DXポイント=f"ポイント{n}", 技術="RPA", 導入状況="導入予定")
            for n in range(count)
        ]
        rows.append(cells_of(draft, 目標値="90"))
        with CaptureQueriesContext(connection) as captured:
            result = preview(rows, people.dxer)
        assert len(result.creates) == count and not result.errors
        return len(captured)

    # roles, years, departments, sections, plans, principles, focus areas,
    # technologies, points by ID, their principles, their focus areas, their
    # technologies; the names of the year's points
    assert queries(3) == queries(30) == 13


def test_the_dx_office_loads_a_closed_years_measures(make_year, people):
    make_year(2022, phase="closed")
    rows = [
        row(
            年度="令和4年度",
            実績値="10",
            効果="一部で使われた。",
            要因分析="周知が遅れた。",
            今後の方向性="統合",
            削減時間の根拠="前後比較",
            導入前時間="１，０００",
            導入後時間="８７５．５",
            技術="電子申請",
            導入状況="導入済み",
        ),
        row(
            年度="令和4年度",
            DXポイント="測れなかったポイント",
            実績値="",
            達成度="評価不能",
            効果="—",
            要因分析="集計の仕組みがなかった。",
        ),
    ]
    result = interchange.apply_import(
        table=table(rows),
        file_name="令和4年度.csv",
        by=people.dx_office,
        load_closed_years=True,
    )
    assert errors_of(result) == [] and len(result.creates) == 2
    measured, unassessed = AchievementReport.objects.order_by("pk")
    assert (measured.state, measured.level, measured.direction) == (
        "confirmed",
        "D",
        "merge",
    )
    assert (measured.hours_basis, measured.hours_saved) == (
        "before_after",
        Decimal("124.5"),
    )
    assert measured.point.technology_status == "introduced"
    assert (unassessed.level, unassessed.actual) == ("na", None)


def test_a_second_version_upload_is_kept_with_its_columns(make_year, client_as):
    make_year(2024)
    dxer = client_as("dxer")
    data = csv_file([row(技術="RPA", 導入状況="導入予定")], header=ALL_COLUMNS)
    response = dxer.post(
        "/interchange/import/",
        {"file": SimpleUploadedFile("points.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 302
    preview_page = dxer.get(response["Location"]).content.decode()
    assert "証明書のコンビニ交付" in preview_page
    confirm = dxer.post(
        response["Location"],
        {"digest": preview_page.split('name="digest" value="')[1].split('"')[0]},
    )
    assert confirm.status_code == 302
    point = DxPoint.objects.get()
    assert [t.name for t in point.technologies.all()] == ["RPA"]
