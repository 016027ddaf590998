"""Headline figures beside the previous year's, and their trend over the years."""

from decimal import Decimal

import pytest
from django.utils import translation

from evaluation import headlines, services
from evaluation.documents import live_document
from evaluation.headlines import Headline, YearFigures, fte_two_decimals, share


def publish(fiscal_year, people, summary="総括"):
    draft = services.save_draft(
        fiscal_year,
        summary=summary,
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    return services.publish_annual_report(draft, revision=1, by=people.dx_office)


@pytest.fixture
def last_year(worked_year, make_year, make_point):
    """令和5年度, closed: 2 points, 1 confirmed at a rate of 50%, 400 h."""
    year = make_year(2023, phase="evaluation")
    make_point(
        year,
        state="approved",
        report={"actual": 50, "hours_saved": Decimal(400), "state": "confirmed"},
    )
    make_point(year, state="approved")
    return year


def test_shares_rates_and_fte_are_decimal_and_rounded_half_up():
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(1, 8) == Decimal("12.5")
    assert share(3, 0) is None
    assert fte_two_decimals(360 / 1860) == Decimal("0.19")
    assert fte_two_decimals(0.125) == Decimal("0.13")  # half up, not to even
    assert fte_two_decimals(Decimal("3.675268817204301")) == Decimal("3.68")


def figures(year: int, **values) -> YearFigures:
    return YearFigures(
        fiscal_year=year,
        points=values.get("points", 0),
        confirmed=values.get("confirmed", 0),
        average_rate=values.get("average_rate"),
        hours_saved=values.get("hours_saved", Decimal(0)),
        fte_saved=values.get("fte_saved", Decimal(0)),
    )


@pytest.mark.parametrize(
    ("kind", "value", "previous", "text", "direction"),
    [
        ("count", 5, 3, "↑ 2件増", "up"),
        ("count", 3, 5, "↓ 2件減", "down"),
        ("count", 4, 4, "→ 増減なし", "same"),
        ("percent", Decimal("98.3"), Decimal("101.5"), "↓ 3.2％ポイント減", "down"),
        ("hours", Decimal("1360.5"), Decimal(360), "↑ 1,000.5時間増", "up"),
        ("fte", Decimal("0.73"), Decimal("0.19"), "↑ 0.54人増", "up"),
        ("percent", Decimal("98.3"), None, "比較できません", "none"),
    ],
)
def test_each_change_is_told_in_words(kind, value, previous, text, direction):
    headline = Headline(
        key="points", kind=kind, value=value, previous=previous, has_previous=True
    )
    with translation.override("ja"):
        assert headline.change_text == text
    assert headline.direction == direction


def test_the_first_year_has_nothing_to_compare_with(worked_year, people):
    annual_report = publish(worked_year.year, people)
    with translation.override("ja"):
        result = headlines.of_document(annual_report.frozen(with_points=False))
        items = {item.key: item for item in result.items}
        assert result.previous is None
        assert items["points"].value_text == "5件"
        assert items["confirmed_share"].value_text == "60.0%"
        assert items["average_rate"].value_text == "98.3%"
        assert items["hours_saved"].value_text == "360時間"
        assert items["fte_saved"].value_text == "0.19人"
        assert {item.change_text for item in items.values()} == {"前年度の数値なし"}


def test_a_report_compares_with_the_previous_year_as_frozen(
    worked_year, last_year, people, make_point
):
    annual_report = publish(worked_year.year, people)
    # After publishing, last year gains a point: the frozen report does not.
    make_point(last_year, state="approved")
    result = headlines.of_document(annual_report.frozen(with_points=False))
    assert result.previous.fiscal_year == 2023
    assert (result.previous.points, result.previous.confirmed) == (2, 1)
    with translation.override("ja"):
        changes = {item.key: item.change_text for item in result.items}
    assert changes == {
        "points": "↑ 3件増",
        "confirmed_share": "↑ 10.0％ポイント増",
        "average_rate": "↑ 48.3％ポイント増",
        "hours_saved": "↓ 40時間減",
        "fte_saved": "↓ 0.03人減",
    }
    assert [year.fiscal_year for year in result.trend] == [2023, 2024]
    assert not result.has_live_years


def test_the_dashboard_reads_published_years_and_marks_the_live_one(
    worked_year, last_year, people, make_point
):
    from evaluation.rollups import year_over_year

    publish(last_year, people)
    make_point(last_year, state="approved")  # after publishing: not counted
    result = headlines.of_dashboard(2024, year_over_year())
    assert [(year.fiscal_year, year.live) for year in result.trend] == [
        (2023, False),
        (2024, True),
    ]
    assert result.previous.points == 2 and not result.previous.live
    assert result.current.points == 5 and result.current.live
    assert result.has_live_years


def test_a_published_versions_totals_are_read_from_it_once(
    worked_year, last_year, people, make_point
):
    """A version never changes: the dashboard parses its snapshot once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(last_year, people)
    assert headlines.published_figures()[2023].points == 2
    with CaptureQueriesContext(connection) as captured:
        assert headlines.published_figures()[2023].points == 2
    assert len(captured.captured_queries) == 1
    assert "snapshot" not in captured.captured_queries[0]["sql"]

    make_point(last_year, state="approved")
    corrected = publish(last_year, people, summary="訂正")
    assert corrected.version == 2
    assert headlines.published_figures()[2023].points == 3  # the new version


def test_a_draft_document_reads_its_live_years(worked_year, last_year):
    document = live_document(worked_year.year, with_points=False)
    result = headlines.of_document(document)
    assert result.current.points == 5 and result.previous.points == 2


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_page_opens_with_downloads_and_headline_figures(
    worked_year, last_year, people, org, client_as
):
    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={org.shimin.pk: "窓口改革の成果が大きい。"},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    services.publish_annual_report(draft, revision=1, by=people.dx_office)
    body = page(client_as("viewer"), "/reports/2024/v1/")
    downloads = body.index('id="downloads"')
    assert downloads < body.index('id="headlines"') < body.index('id="report-contents"')
    for link in ("report.pdf", "report.xlsx", "report.csv", "report.json"):
        assert f'href="/reports/2024/v1/{link}"' in body
    assert 'href="/reports/2024/v1/opendata.zip"' in body
    assert "data-print hidden" in body and "このページを印刷" in body
    headline_table = body.split('id="headlines"')[1].split("</table>")[0]
    assert "令和6年度の主要な数値と前年度との比較" in headline_table
    assert "令和5年度" in headline_table and "↑ 3件増" in headline_table
    # The trend of the years as a chart with its data table.
    assert "主要な数値の推移" in body and "グラフ「主要な数値の推移」のデータ" in body
    # Only the department the DX office commented on; no 「コメントはありません」.
    comments = body.split("部ごとのコメント")[1].split("</section>")[0]
    assert "窓口改革の成果が大きい。" in comments and "市民生活部" in comments
    assert "福祉部" not in comments and "コメントはありません" not in body


def test_without_comments_one_line_says_so(worked_year, people, client_as):
    publish(worked_year.year, people)
    body = page(client_as("viewer"), "/reports/2024/v1/")
    assert body.count("デジタル行政推進課からの部ごとのコメントはありません。") == 1


def test_the_draft_preview_offers_the_drafts_files_but_no_open_data(
    worked_year, people, client_as
):
    services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    body = page(client_as("dx_office"), "/reports/2024/draft/preview/")
    assert 'href="/reports/2024/draft/report.pdf"' in body
    assert "opendata" not in body


def test_the_dashboard_opens_with_headline_figures_and_the_trend(
    worked_year, last_year, people, client_as
):
    publish(last_year, people)
    body = page(client_as("dx_office"), "/dashboard/?year=2024")
    headline_table = body.split('id="headlines-heading"')[1].split("</table>")[0]
    assert "令和6年度 <span" in headline_table and "集計中（未公開）" in headline_table
    assert "↑ 3件増" in headline_table
    assert body.index('id="headlines-heading"') < body.index('class="progress"')
    assert "グラフ「主要な数値の推移」のデータ" in body
