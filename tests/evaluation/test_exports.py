"""The annual report as JSON, CSV and xlsx, from the pages and the command."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from evaluation import services
from initiatives.interchange import ALL_COLUMNS, point_rows
from initiatives.models import DxPoint
from iruma_dx.lib.spreadsheet import BOM, read_csv_text
from tests.evaluation.design_keys import FIGURE_KEYS, REPORT_KEYS


@pytest.fixture
def published(worked_year, people, org):
    draft = services.save_draft(
        worked_year.year,
        summary='=HYPERLINK("http://example.com") 総括',
        comments={org.shimin.pk: "@SUM(A1) 窓口"},
        highlights=[worked_year.falling.pk],
        revision=0,
        by=people.dx_office,
    )
    return services.publish_annual_report(draft, revision=1, by=people.dx_office)


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def test_json_has_designs_keys_in_order(published, client_as):
    data = json.loads(download(client_as("viewer"), "/reports/2024/v1/report.json"))
    assert list(data) == REPORT_KEYS
    assert (data["fiscal_year"], data["label"], data["status"], data["version"]) == (
        2024,
        "令和6年度",
        "published",
        1,
    )
    assert list(data["totals"]) == FIGURE_KEYS
    assert data["totals"]["average_rate"] == 98.3
    assert data["totals"]["levels"] == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert list(data["by_department"][0]) == ["department", *FIGURE_KEYS]
    assert [row["department"] for row in data["by_department"]] == [
        "企画部",
        "市民生活部",
        "福祉部",
    ]
    assert data["by_department"][2]["average_rate"] is None
    assert list(data["by_principle"][0]) == ["number", "title", *FIGURE_KEYS]
    assert list(data["by_focus_area"][0]) == ["name", *FIGURE_KEYS]
    assert list(data["by_stage"][0]) == ["stage", *FIGURE_KEYS]


def test_draft_json_says_draft_and_its_version(worked_year, client_as):
    data = json.loads(
        download(client_as("dx_office"), "/reports/2024/draft/report.json")
    )
    assert (data["status"], data["version"]) == ("draft", 1)
    assert data["totals"]["points"] == 5


def test_csv_has_a_bom_and_the_interchange_rows(published, client_as, worked_year):
    content = download(client_as("viewer"), "/reports/2024/v1/report.csv")
    assert content.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ALL_COLUMNS
    expected = list(
        point_rows(DxPoint.objects.filter(fiscal_year=worked_year.year).counted())
    )
    assert len(rows) == len(expected) == 6
    by_id = {row[0]: row for row in rows[1:]}
    falling = by_id[str(worked_year.falling.pk)]
    assert falling[ALL_COLUMNS.index("DXポイント")] == "窓口の待ち時間を短く"
    assert falling[ALL_COLUMNS.index("基準値")] == "100"
    assert falling[ALL_COLUMNS.index("実績値")] == "22"
    assert falling[ALL_COLUMNS.index("達成度")] == "A"
    assert falling[ALL_COLUMNS.index("削減時間")] == "200"
    assert str(worked_year.unapproved.pk) not in by_id


def test_csv_keeps_formula_like_text_as_text(worked_year, people, client_as):
    worked_year.rising.title = "=1+1 申請"
    worked_year.rising.save()
    content = download(client_as("dx_office"), "/reports/2024/draft/report.csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    titles = [row[ALL_COLUMNS.index("DXポイント")] for row in rows[1:]]
    assert "'=1+1 申請" in titles
    assert read_csv_text("'=1+1 申請") == "=1+1 申請"


def test_xlsx_opens_and_holds_the_same_numbers(published, client_as):
    client = client_as("viewer")
    data = json.loads(download(client, "/reports/2024/v1/report.json"))
    workbook = load_workbook(
        io.BytesIO(download(client, "/reports/2024/v1/report.xlsx"))
    )
    assert workbook.sheetnames == [
        "表紙",
        "概要",
        "部別",
        "心得別",
        "重点取組事項別",
        "段階別",
        "技術別",
        "カバー状況",
        "年度別の推移",
        "横展開",
        "DXポイント",
    ]
    cover = list(workbook["表紙"].iter_rows(values_only=True))
    assert ("年度", "令和6年度") in cover
    summary = list(workbook["概要"].iter_rows(values_only=True))
    totals = next(row for row in summary if row[0] == "全庁")
    # FTE to two decimals, half up, as DESIGN.md shows it (360 / 1860 = 0.1935…).
    # … levels A–D, 評価不能, hours, FTE, yen, then the directions.
    assert totals[1:12] == (5, 3, 98.3, 1, 1, 1, 0, 0, 360, 0.19, 1_620_000)
    departments = list(workbook["部別"].iter_rows(values_only=True))
    assert departments[0][0] == "部"
    for row, expected in zip(departments[1:], data["by_department"], strict=True):
        assert row[0] == expected["department"]
        assert row[1] == expected["points"]
        assert row[3] == expected["average_rate"]
        assert row[9] == expected["hours_saved"]
    principles = list(workbook["心得別"].iter_rows(values_only=True))
    assert [row[2] for row in principles[1:]] == [2, 1, 2, 1, 0]
    points = list(workbook["DXポイント"].iter_rows(values_only=True))
    assert list(points[0]) == ALL_COLUMNS
    assert len(points) == 6


def test_xlsx_writes_formula_like_text_as_text(published, client_as):
    workbook = load_workbook(
        io.BytesIO(download(client_as("viewer"), "/reports/2024/v1/report.xlsx"))
    )
    cells = [cell for row in workbook["表紙"].iter_rows() for cell in row]
    summary = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert summary.data_type == "s"
    comment = next(
        c
        for row in workbook["部別"].iter_rows()
        for c in row
        if c.value == "@SUM(A1) 窓口"
    )
    assert comment.data_type == "s"


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_a_published_export_is_the_same_on_every_download(
    published, client_as, worked_year, fmt
):
    client = client_as("viewer")
    url = f"/reports/2024/v1/report.{fmt}"
    first = download(client, url)
    # Later: the points change and time passes; the file does not.
    worked_year.falling.report.actual = Decimal(40)
    worked_year.falling.report.save()
    worked_year.rising.title = "変わったタイトル"
    worked_year.rising.save()
    with time_machine.travel(timezone.now() + timedelta(days=3, seconds=7)):
        assert download(client_as("head2"), url) == first
    # … while the draft export follows the live data.
    draft = download(client_as("dx_office"), f"/reports/2024/draft/report.{fmt}")
    assert draft != first


@pytest.mark.parametrize(
    "url",
    [
        "/reports/2024/v1/report.exe",
        "/reports/2024/v1/report.opendata",
        "/reports/2024/v1/report.zip",
        "/reports/2024/v1/opendata.csv",
        "/reports/2024/draft/report.exe",
        "/reports/2024/draft/opendata.zip",
    ],
)
def test_unknown_format_is_404(published, client_as, url):
    assert client_as("dx_office").get(url).status_code == 404


def test_command_writes_the_same_files(published, client_as, tmp_path):
    client = client_as("dx_office")
    for fmt in ("json", "csv", "xlsx"):
        output = tmp_path / f"report.{fmt}"
        call_command(
            "annual_report",
            "2024",
            "--format",
            fmt,
            "--version",
            "1",
            "--output",
            str(output),
            stderr=io.StringIO(),
        )
        assert output.read_bytes() == download(client, f"/reports/2024/v1/report.{fmt}")
    live = tmp_path / "live.json"
    call_command(
        "annual_report",
        "令和6年度",
        "--format",
        "json",
        "--output",
        str(live),
        stderr=io.StringIO(),
    )
    data = json.loads(live.read_bytes())
    assert (data["status"], data["version"]) == ("draft", 2)


def test_command_prints_json_and_csv(worked_year):
    out = io.StringIO()
    call_command("annual_report", "2024", stdout=out)
    assert json.loads(out.getvalue())["totals"]["points"] == 5
    out = io.StringIO()
    call_command("annual_report", "2024", "--format", "csv", stdout=out)
    assert out.getvalue().startswith(BOM + "ID,年度,部")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2023"], "There is no fiscal year 2023"),
        (["1999"], "2000〜2100"),
        (["平成"], "令和6年度"),
        (["2024", "--version", "3"], "Version 3"),
        (["2024", "--format", "xlsx"], "--output"),
    ],
)
def test_command_refuses_bad_arguments(worked_year, args, message):
    with pytest.raises(CommandError) as error:
        call_command("annual_report", *args, stdout=io.StringIO())
    assert message in str(error.value)


def test_export_query_counts_do_not_grow(
    worked_year, make_point, people, client_as, django_assert_num_queries
):
    client = client_as("dx_office")

    def draft_export_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get("/reports/2024/draft/report.xlsx").status_code == 200
        return len(context.captured_queries)

    draft_export_queries()  # the first request of a session writes it
    before = draft_export_queries()
    for index in range(12):
        point = make_point(
            worked_year.year,
            title=f"追加のポイント{index}",
            principles=[1, 4],
            state="approved",
            report={"actual": Decimal(index * 10), "state": "confirmed"},
        )
        point.focus_areas.set([1, 2])
    assert draft_export_queries() == before

    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    services.publish_annual_report(draft, revision=1, by=people.dx_office)
    # The session, the user, the request's savepoint, the published version
    # (its frozen snapshot holds everything else), the savepoint's release.
    with django_assert_num_queries(5):
        client.get("/reports/2024/v1/report.xlsx")


def test_the_xlsx_has_a_cover_and_prints(published, client_as):
    workbook = load_workbook(
        io.BytesIO(download(client_as("viewer"), "/reports/2024/v1/report.xlsx"))
    )
    cover = {
        row[0]: row[1]
        for row in workbook["表紙"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert cover["入間市 DXビジョン 年次報告"] is None  # the title row
    assert (cover["年度"], cover["年度（西暦）"], cover["版"]) == (
        "令和6年度",
        2024,
        "第1版",
    )
    when = published.published_at.astimezone()  # Japan time, the project's zone
    assert cover["公開日"].startswith(f"令和{when.year - 2018}年{when.month}月")
    # Excel keeps milliseconds; the cell holds Japan time, not UTC.
    written = cover["公開日時（日本時間）"]
    assert abs(written - when.replace(tzinfo=None)) < timedelta(seconds=1)
    assert cover["集計の対象"] == (
        "承認済みのDXポイント5件のうち、部長が年度末報告を確認したものは3件（60.0%）です。"
    )
    assert (cover["DXポイント"], cover["確認済みの報告"]) == (5, 3)
    assert cover["確認済みの割合"] == 60.0
    # Each list: a frozen, filtered header, formats, A4 landscape, page numbers.
    departments = workbook["部別"]
    assert departments.freeze_panes == "B2"
    assert departments.auto_filter.ref.startswith("A1:")
    assert departments.print_title_rows == "$1:$1"
    assert departments.page_setup.orientation == "landscape"
    assert int(departments.page_setup.paperSize) == 9
    assert "&P" in departments.oddFooter.center.text
    assert "入間市 令和6年度 年次報告 第1版" in departments.oddHeader.left.text
    header = [cell.value for cell in departments[1]]
    shimin = departments[3]
    rate = shimin[header.index("平均達成率（%）")]
    hours = shimin[header.index("年間削減時間（時間）")]
    fte = shimin[header.index("常勤換算（人）")]
    assert (rate.value, rate.number_format) == (98.3, '0.0"%"')
    assert (hours.value, hours.number_format) == (360, "#,##0.0")
    assert (fte.value, fte.number_format) == (0.19, "0.00")
    assert departments.column_dimensions["A"].width >= 10  # 市民生活部, fitted
    assert workbook["表紙"].page_setup.orientation == "portrait"


def test_the_drafts_xlsx_says_draft_on_every_printed_page(worked_year, client_as):
    workbook = load_workbook(
        io.BytesIO(download(client_as("dx_office"), "/reports/2024/draft/report.xlsx"))
    )
    for sheet in workbook.worksheets:
        assert "（下書き・未公開）" in sheet.oddHeader.left.text, sheet.title
    cover = dict(
        row[:2] for row in workbook["表紙"].iter_rows(values_only=True) if row[0]
    )
    assert (cover["状態"], cover["公開日"]) == ("下書き", "未公開")


def test_the_draft_json_builds_only_the_figures(
    worked_year, client_as, django_assert_num_queries
):
    """The JSON holds DESIGN.md's figures: no point list, coverage or years."""
    client = client_as("dx_office")
    client.get("/")  # the first request of a session writes it
    # session, user, roles, the year, the draft, the next version number
    # (the download is read-only: no transaction of its own); the roll-up
    # (afresh: the test's transaction has no stamp to trust): the counted
    # points' principles, focus areas and technologies, the points with their
    # reports, then the focus areas, departments, principles and technologies
    # naming the groups.
    with django_assert_num_queries(14):
        response = client.get("/reports/2024/draft/report.json")
    data = json.loads(response.content)
    assert data["totals"]["average_rate"] == 98.3
    assert list(data) == REPORT_KEYS
