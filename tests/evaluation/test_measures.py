"""The second version of the annual report's figures, on the hand-worked year.

評価不能 counts apart (points and confirmed, never the average nor A–D);
yen is hours × the year's hourly cost, rounded half up; directions are
counted per confirmed report; every technology is listed; the focus areas
are those of the year's edition; the roster counts DXers and training. A
version published before these existed keeps its figures.
"""

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from evaluation import services
from evaluation.documents import live_document
from evaluation.rollups import annual_report_data, roll_up
from initiatives.models import (
    AchievementReport,
    Assignment,
    FocusArea,
    NationalPlanEdition,
    Role,
    Technology,
    Training,
)
from tests.evaluation.design_keys import DIRECTION_KEYS


def data_of(year) -> dict:
    return annual_report_data(roll_up(year), status="draft", version=1)


@pytest.fixture
def not_assessed(worked_year, make_point, org):
    """A confirmed report of 市民税課 marked 評価不能, with 40 hours and a direction."""
    return make_point(
        worked_year.year,
        section=org.zeimu_ka,
        title="評価できなかったポイント",
        principles=[1],
        state="approved",
        report={
            "self_level": "na",
            "analysis": "国の仕様が未確定で測れなかった。",
            "hours_saved": Decimal(40),
            "direction": "continue",
            "state": "confirmed",
        },
    )


def test_not_assessed_counts_in_points_and_confirmed_only(worked_year, not_assessed):
    data = data_of(worked_year.year)
    totals = data["totals"]
    # 5 + 1 points, 3 + 1 confirmed; the average and A–D are those of the
    # three others (98.3, A1 B1 C1); its hours count.
    assert (totals["points"], totals["confirmed"]) == (6, 4)
    assert totals["average_rate"] == 98.3
    assert totals["levels"] == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert totals["not_assessed"] == 1
    assert totals["hours_saved"] == 400
    shimin = data["by_department"][1]
    assert (shimin["confirmed"], shimin["not_assessed"]) == (4, 1)
    principle_1 = data["by_principle"][0]
    assert (principle_1["confirmed"], principle_1["not_assessed"]) == (3, 1)
    assert principle_1["average_rate"] == 66.7  # rising only; words has no rate


def test_a_not_assessed_numeric_point_has_no_rate_even_with_old_values(
    worked_year, make_point
):
    point = make_point(
        worked_year.year,
        title="数値の評価不能",
        state="approved",
        report={"self_level": "na", "analysis": "理由", "state": "confirmed"},
    )
    assert point.report.rate is None
    data = data_of(worked_year.year)
    assert data["totals"]["average_rate"] == 98.3
    assert data["totals"]["not_assessed"] == 1


def test_yen_is_hours_times_the_years_hourly_cost_rounded_half_up(worked_year):
    year = worked_year.year
    assert data_of(year)["totals"]["yen_saved"] == 360 * 4500
    # 0.1 hour at 4,505 yen is 450.5 yen: half up to 451.
    AchievementReport.objects.filter(point=worked_year.words).update(
        hours_saved=Decimal("0.1")
    )
    year.hourly_cost = 4505
    year.save(update_fields=["hourly_cost"])
    data = data_of(year)
    assert data["totals"]["hours_saved"] == 300.1
    assert data["totals"]["yen_saved"] == 1351951  # 300.1 × 4,505 = 1,351,950.5
    stages = {row["stage"]: row for row in data["by_stage"]}
    assert stages["transformation"]["yen_saved"] == 451
    assert isinstance(data["totals"]["yen_saved"], int)


def test_directions_count_confirmed_reports(worked_year, not_assessed):
    AchievementReport.objects.filter(point=worked_year.rising).update(
        direction="expand"
    )
    AchievementReport.objects.filter(point=worked_year.waiting).update(
        direction="abolish"  # submitted only: not counted
    )
    directions = data_of(worked_year.year)["totals"]["directions"]
    assert list(directions) == DIRECTION_KEYS
    assert directions == {
        "expand": 1,
        "continue": 1,
        "improve": 0,
        "complete": 0,
        "merge": 0,
        "abolish": 0,
        "unset": 2,
    }


def test_every_technology_is_listed_and_a_point_counts_under_each(worked_year):
    worked_year.rising.technologies.set(
        Technology.objects.filter(name__in=["RPA", "AI-OCR"])
    )
    worked_year.falling.technologies.set(Technology.objects.filter(name="RPA"))
    rows = {row["name"]: row for row in data_of(worked_year.year)["by_technology"]}
    assert list(rows) == list(Technology.objects.values_list("name", flat=True))
    assert (rows["RPA"]["points"], rows["RPA"]["average_rate"]) == (2, 98.3)
    assert rows["AI-OCR"]["hours_saved"] == 100
    assert rows["IoT"]["points"] == 0 and rows["IoT"]["average_rate"] is None


def test_a_year_on_the_latest_edition_lists_its_seven_areas(
    make_year, make_point, people
):
    latest = NationalPlanEdition.objects.get(code="2.3")
    year = make_year(2025, phase="evaluation", focus_area_edition=latest)
    point = make_point(
        year, state="approved", report={"actual": 100, "state": "confirmed"}
    )
    point.focus_areas.set(FocusArea.objects.filter(edition=latest, number=3))
    data = data_of(year)
    assert data["focus_area_edition"] == "2.3"
    assert [row["name"] for row in data["by_focus_area"]] == list(
        latest.focus_areas.order_by("number").values_list("name", flat=True)
    )
    counted = {row["name"]: row["points"] for row in data["by_focus_area"]}
    assert counted["公金収納におけるeLTAXの活用"] == 1
    assert sum(counted.values()) == 1


def test_the_roster_counts_dxers_sections_and_training(worked_year, people, org):
    Training.objects.create(
        user=people.dxer, course="BPR入門", taken_on=date(2024, 6, 3), hours=3
    )
    Training.objects.create(
        user=people.dxer, course="生成AI", taken_on=date(2025, 3, 31), hours="1.5"
    )
    Training.objects.create(  # the next fiscal year
        user=people.dxer2, course="RPA", taken_on=date(2025, 4, 1), hours=2
    )
    Training.objects.create(
        user=people.head, course="管理職研修", taken_on=date(2024, 9, 1), hours=2
    )
    roster = live_document(worked_year.year, with_points=False)["roster"]
    # Four sections, two with a DXer (dxer's and dxer2's); training of the
    # fiscal year only (1 April – 31 March), anyone's.
    assert roster == {
        "sections": 4,
        "sections_with_dxer": 2,
        "coverage": 50.0,
        "dxers": 2,
        "dxers_trained": 1,
        "people_trained": 2,
        "trainings": 3,
        "training_hours": 6.5,
        "dxer_training_hours": 4.5,
    }


def test_the_annual_report_page_shows_the_new_sections(
    worked_year, not_assessed, client_as
):
    worked_year.rising.technologies.set(Technology.objects.filter(name="RPA"))
    body = client_as("dx_office").get("/reports/2024/draft/preview/").content.decode()
    for text in (
        "技術別",
        "今後の方向性",
        "推進体制と人材育成",
        "評価不能",
        "金額換算（円）",
        "1,800,000",  # 400 hours × 4,500 yen
        "1時間あたり4,500円で金額に換算",
    ):
        assert text in body, text


def test_a_highlight_shows_its_analysis_basis_and_direction(
    worked_year, people, client_as
):
    AchievementReport.objects.filter(point=worked_year.rising).update(
        analysis="周知が遅れた。",
        direction="improve",
        hours_basis="cases",
        annual_cases=2000,
        minutes_per_case=3,
    )
    services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[worked_year.rising.pk],
        revision=0,
        by=people.dx_office,
    )
    body = client_as("dx_office").get("/reports/2024/draft/preview/").content.decode()
    assert "周知が遅れた。" in body
    assert "年間2,000件 × 3分 ÷ 60 ＝ 100時間" in body
    assert "改善" in body


def test_a_version_published_before_keeps_its_json(worked_year, people, client_as):
    draft = services.save_draft(
        worked_year.year,
        summary="総括",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    published = services.publish_annual_report(draft, revision=1, by=people.dx_office)
    # As a version published with the first version of the figures was frozen.
    document = json.loads(published.snapshot)
    for key in ("by_technology", "focus_area_edition"):
        del document["figures"][key]
    for row in [document["figures"]["totals"], *document["figures"]["by_department"]]:
        for key in ("not_assessed", "yen_saved", "directions"):
            del row[key]
    for key in ("roster", "hourly_cost"):
        del document[key]
    frozen = json.dumps(document, ensure_ascii=False)
    type(published).objects.filter(pk=published.pk).update(snapshot=frozen)
    # Its files were made from that snapshot (as migration 0005 makes them).
    published.files.all().delete()
    client = client_as("viewer")
    json_file = client.get("/reports/2024/v1/report.json").content
    assert json.loads(json_file) == document["figures"]
    page = client.get("/reports/2024/v1/")
    assert page.status_code == 200
    assert "技術別" not in page.content.decode()
    xlsx = client.get("/reports/2024/v1/report.xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "技術別" not in workbook.sheetnames
    totals = next(
        r for r in workbook["概要"].iter_rows(values_only=True) if r[0] == "全庁"
    )
    assert totals[8:10] == (360, 0.19)
    assert totals[10:] == (None,) * len(totals[10:])  # no yen, no directions


# The national survey pack ------------------------------------------------------


@pytest.fixture
def survey_year(worked_year, not_assessed, people):
    worked_year.rising.technology_status = "introduced"
    worked_year.rising.save(update_fields=["technology_status"])
    worked_year.rising.technologies.set(
        Technology.objects.filter(name__in=["RPA", "AI-OCR"])
    )
    worked_year.welfare.technology_status = "planned"
    worked_year.welfare.save(update_fields=["technology_status"])
    worked_year.welfare.technologies.set(Technology.objects.filter(name="RPA"))
    Training.objects.create(
        user=people.dxer, course="BPR入門", taken_on=date(2024, 6, 3), hours=3
    )
    return worked_year.year


def test_the_survey_pack_answers_the_national_questions(survey_year, client_as):
    response = client_as("dx_office").get("/dashboard/survey/2024/pack.xlsx")
    assert response.status_code == 200
    assert "survey-2024.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "概要",
        "技術と導入状況",
        "推進体制と人材育成",
        "削減時間",
        "重点取組事項",
    ]
    summary = dict(list(workbook["概要"].iter_rows(values_only=True))[1:])
    assert summary["自治体DX推進計画の版"] == "1.0"
    assert summary["年間削減時間（時間）"] == 400
    assert summary["金額換算（円）"] == 400 * 4500
    assert summary["評価不能"] == 1
    technologies = list(workbook["技術と導入状況"].iter_rows(values_only=True))
    assert technologies[0][:3] == ("技術", "導入済み", "実証中")
    rpa = next(row for row in technologies if row[0] == "RPA")
    # introduced 1 (rising), planned 1 (welfare); 2 points in all
    assert rpa[1:] == (1, 0, 1, 0, 0, 0, 0, 2)
    roster = dict(list(workbook["推進体制と人材育成"].iter_rows(values_only=True))[1:])
    assert (
        roster["DXer数"],
        roster["研修を受けたDXer"],
        roster["研修時間（時間）"],
    ) == (
        2,
        1,
        3,
    )
    hours = list(workbook["削減時間"].iter_rows(values_only=True))
    assert hours[1] == ("全庁", 4, 400, 0.22, 1800000)
    areas = list(workbook["重点取組事項"].iter_rows(values_only=True))
    assert len(areas) == 1 + 6 and areas[1][:3] == (
        1,
        "自治体の情報システムの標準化・共通化",
        2,
    )


def test_the_survey_pack_as_csv_files(survey_year, client_as):
    response = client_as("dx_office").get("/dashboard/survey/2024/pack.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == [
        "1-summary.csv",
        "2-technologies.csv",
        "3-roster.csv",
        "4-hours.csv",
        "5-focus-areas.csv",
    ]
    text = archive.read("4-hours.csv").decode("utf-8")
    assert text.startswith("\ufeff部,確認済みの報告,")
    assert "全庁,4,400,0.22,1800000" in text


def test_the_survey_page_and_downloads_are_for_the_dx_office(survey_year, client_as):
    page = client_as("dx_office").get("/dashboard/survey/").content.decode()
    assert "/dashboard/survey/2024/pack.xlsx" in page
    assert "/dashboard/survey/2024/pack.zip" in page
    assert (
        client_as("dx_office").get("/dashboard/survey/2024/pack.pdf").status_code == 404
    )
    assert (
        client_as("dx_office").get("/dashboard/survey/2031/pack.xlsx").status_code
        == 404
    )
    for role in ("dxer", "head", "viewer"):
        assert (
            client_as(role).get("/dashboard/survey/2024/pack.xlsx").status_code == 403
        )


def test_the_dashboard_shows_the_years_figures(survey_year, client_as):
    body = client_as("dx_office").get("/dashboard/").content.decode()
    assert "令和6年度の現時点の集計" in body
    assert "1,800,000" in body
    assert "今後の方向性ごとの確認済みの報告" in body


def test_the_organisation_page_gives_the_share_of_sections_with_a_dxer(
    people, org, client_as
):
    page = client_as("dx_office").get("/org/?year=2024").content.decode()
    assert "DXerのいる課：4課中2課（50.0%）" in page
    Assignment.objects.create(
        user=people.viewer, role=Role.DXER, section=org.zeimu_ka, start_year=2024
    )
    page = client_as("dx_office").get("/org/?year=2024").content.decode()
    assert "DXerのいる課：4課中3課（75.0%）" in page
