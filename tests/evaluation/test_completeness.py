"""Publishing shows, and the report states, how many reports were confirmed.

``worked_year`` (conftest): 令和6年度, 5 counted points, 3 confirmed (60 %).
A year-over-year row is marked when its share of confirmed reports is below
90 %, or more than 10 points away from the share of the year being read.
"""

import json
from decimal import Decimal

import pytest

from evaluation import headlines
from evaluation.models import AnnualReport
from evaluation.rollups import Figures
from tests.evaluation.design_keys import REPORT_KEYS
from tests.evaluation.test_pages import DRAFT, form_data, publish_via_pages


@pytest.fixture
def last_year(make_year, make_point):
    """令和5年度, closed, every report confirmed: 2 points, 300 h."""
    year = make_year(2023, phase="closed")
    for index in range(2):
        make_point(
            year,
            title=f"前年度{index}",
            state="approved",
            report={"actual": 100, "hours_saved": 150, "state": "confirmed"},
        )
    return year


def test_the_publish_page_shows_confirmed_of_approved_per_department(
    worked_year, org, client_as
):
    client = client_as("dx_office")
    client.post(DRAFT, form_data(worked_year, org))
    response = client.get("/reports/2024/draft/publish/")
    body = response.content.decode()
    assert "年度末報告の確認状況" in body
    assert (
        "承認されたDXポイント5件のうち、部長が年度末報告を確認したものは3件（60.0%）です。"
        in body
    )
    assert (
        "確認待ちの報告が1件あります。年度を終了するまでは、部長が確認できます。"
        in body
    )
    departments = {
        row.department.name: row.counts
        for row in response.context["summary"].departments
    }
    shimin, fukushi = departments["市民生活部"], departments["福祉部"]
    assert (shimin.approved, shimin.confirmed, shimin.waiting) == (4, 3, 1)
    assert (fukushi.approved, fukushi.confirmed, fukushi.missing) == (1, 0, 1)


def test_the_published_report_states_its_completeness(worked_year, org, client_as):
    client = client_as("dx_office")
    publish_via_pages(client, worked_year, org)
    frozen = AnnualReport.objects.get().frozen()
    assert frozen["completeness"] == {
        "points": 5,
        "confirmed": 3,
        "share": 60.0,
        "complete": False,
        "complete_from": 90,
        "by_department": [
            {"department": "企画部", "points": 0, "confirmed": 0, "share": None},
            {"department": "市民生活部", "points": 4, "confirmed": 3, "share": 75.0},
            {"department": "福祉部", "points": 1, "confirmed": 0, "share": 0.0},
        ],
    }
    # DESIGN.md's JSON is unchanged: the statement lives outside "figures".
    assert list(frozen["figures"]) == REPORT_KEYS
    body = client_as("viewer").get("/reports/2024/v1/").content.decode()
    assert "報告の確認状況" in body
    assert (
        "承認されたDXポイント5件のうち、部長が年度末報告を確認したものは3件（60.0%）です。"
        in body
    )
    assert "90%未満のため、この報告の数字は年度の取組の一部によるもので" in body


def test_a_version_published_before_reads_its_own_totals(worked_year, org, client_as):
    publish_via_pages(client_as("dx_office"), worked_year, org)
    annual_report = AnnualReport.objects.get()
    older = json.loads(annual_report.snapshot)
    del older["completeness"]  # as versions published before it was kept
    AnnualReport.objects.filter(pk=annual_report.pk).update(snapshot=json.dumps(older))
    response = client_as("viewer").get("/reports/2024/v1/")
    assert response.status_code == 200
    assert (
        "部長が年度末報告を確認したものは3件（60.0%）です。"
        in response.content.decode()
    )


def test_the_year_over_year_figures_mark_years_not_comparable(
    worked_year, last_year, org, client_as
):
    client = client_as("dx_office")
    publish_via_pages(client, worked_year, org)
    body = client_as("viewer").get("/reports/2024/v1/").content.decode()
    # 令和6年度 rests on 60 %, 令和5年度 on 100 %: both rows say so.
    assert "※ 報告の確認：5件中3件（60.0%）" in body
    assert "※ 報告の確認：2件中2件（100.0%）、令和6年度は60.0%" in body
    assert "その年度の数字は、そのままでは比べられません。" in body
    # The headline change from last year is not to be read as a fall in results.
    assert (
        "令和6年度の数字は、DXポイント5件のうち確認済みの年度末報告3件（60.0%）"
        "によるもので、令和5年度は100.0%です。" in body
    )


def test_comparable_years_are_not_marked(make_year, make_point, last_year, client_as):
    year = make_year(2024, phase="evaluation")
    make_point(year, state="approved", report={"actual": 80, "state": "confirmed"})
    document = {
        "figures": {
            "fiscal_year": 2024,
            "totals": {
                "points": 20,
                "confirmed": 19,
                "average_rate": None,
                "hours_saved": 0,
                "fte_saved": 0,
            },
        },
        "years": [
            {
                "fiscal_year": 2023,
                "points": 10,
                "confirmed": 10,
                "average_rate": None,
                "hours_saved": 0,
                "fte_saved": 0,
            }
        ],
    }
    figures = headlines.of_document(document)  # 95 % beside 100 %
    assert figures.completeness_notes == {}
    assert figures.completeness_warning == ""


@pytest.mark.parametrize(
    ("part", "read", "marked"),
    [
        (Decimal("100"), Decimal("95"), False),
        (Decimal("100"), Decimal("90"), False),  # 10 points apart: comparable
        (Decimal("100"), Decimal("89.9"), True),  # more than 10 points apart
        (Decimal("89.9"), Decimal("89.9"), True),  # below 90 % itself
        (Decimal("90"), Decimal("90"), False),
        (None, Decimal("50"), False),  # a year without points
        (Decimal("95"), None, False),
    ],
)
def test_the_marking_rule(part, read, marked):
    assert headlines.completeness_marked(part, read) is marked


def test_the_completeness_of_a_roll_up():
    totals = Figures(points=111, confirmed=37)
    result = headlines.completeness(totals, [])
    assert (result["share"], result["complete"]) == (33.3, False)
    assert headlines.completeness(Figures(), [])["complete"] is True
