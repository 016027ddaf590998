"""Each fiscal year tags its points from one edition of the national plan.

A year opened before editions existed uses edition 1.0 (the Vision's six
focus areas); the DX office opens a new year on the newest edition unless it
chooses another. The point form, the import's lookup and the template's
guide use the year's edition; past years keep theirs. Technologies and the
hourly personnel cost are set beside them.
"""

import io

import pytest
from openpyxl import load_workbook

from initiatives import interchange
from initiatives.models import (
    DxPoint,
    FiscalYear,
    FocusArea,
    NationalPlanEdition,
    Technology,
)
from tests.initiatives.interchange_helpers import row, table_of
from tests.initiatives.test_points_views import point_data
from tests.initiatives.test_search import found


@pytest.fixture
def editions():
    return {edition.code: edition for edition in NationalPlanEdition.objects.all()}


@pytest.fixture
def latest_year(make_year, editions):
    """令和7年度, opened on 第2.3版 (its seven focus areas)."""
    return make_year(2025, focus_area_edition=editions["2.3"])


def area(code: str, number: int) -> FocusArea:
    return FocusArea.objects.get(edition__code=code, number=number)


# Opening a year ---------------------------------------------------------------


def open_year(client, **extra):
    return client.post(
        "/years/new/",
        {
            "year": "2025",
            "target_deadline": "2025-05-30",
            "report_deadline": "2026-04-30",
            **extra,
        },
    )


def test_a_year_opens_on_the_newest_edition_by_default(client_as, people):
    client = client_as("dx_office")
    page = client.get("/years/new/").content.decode()
    # The newest is preselected; both are offered with their dates.
    assert "【第2.3版】（2024年2月5日公表）" in page
    assert "【第1.0版】（2020年12月25日公表）" in page
    assert open_year(client).status_code == 302
    assert FiscalYear.objects.get(year=2025).focus_area_edition.code == "2.3"


def test_the_dx_office_may_open_a_year_on_an_earlier_edition(
    client_as, editions, make_year
):
    make_year(2024, hourly_cost=5200, fte_hours=1800)
    response = open_year(client_as("dx_office"), focus_area_edition=editions["1.0"].pk)
    assert response.status_code == 302
    year = FiscalYear.objects.get(year=2025)
    assert year.focus_area_edition.code == "1.0"
    # Settings carry over from the year before, the hourly cost too.
    assert (year.hourly_cost, year.fte_hours) == (5200, 1800)
    detail = client_as("dx_office").get("/years/2025/").content.decode()
    assert "5,200円" in detail and "【第1.0版】" in detail


def test_the_hourly_cost_is_a_setting_of_the_year(client_as, make_year):
    make_year(2024)
    client = client_as("dx_office")
    settings = {
        "target_deadline": "2024-05-31",
        "report_deadline": "2025-04-30",
        "level_a_threshold": "100",
        "level_b_threshold": "80",
        "level_c_threshold": "50",
        "fte_hours": "1860",
    }
    assert client.post("/years/2024/edit/", settings).status_code == 302
    assert FiscalYear.objects.get().hourly_cost == 4500  # empty keeps it
    response = client.post("/years/2024/edit/", {**settings, "hourly_cost": "０"})
    assert response.status_code == 200
    assert 'id="id_hourly_cost_error"' in response.content.decode()
    client.post("/years/2024/edit/", {**settings, "hourly_cost": "４，８００"})
    assert FiscalYear.objects.get().hourly_cost == 4800


# Tagging points ---------------------------------------------------------------


def test_the_point_form_offers_the_focus_areas_of_the_years_edition(
    client_as, latest_year, make_year
):
    dxer = client_as("dxer")
    page = dxer.get("/points/new/?year=2025").content.decode()
    assert "自治体フロントヤード改革の推進" in page
    assert "自治体の行政手続のオンライン化" not in page  # only in 第1.0版
    response = dxer.post(
        "/points/new/?year=2025",
        point_data(
            focus_areas=[area("2.3", 1).pk],
            technologies=[Technology.objects.get(name="生成AI").pk],
            technology_status="trial",
        ),
    )
    assert response.status_code == 302
    point = DxPoint.objects.get()
    assert [a.name for a in point.focus_areas.all()] == [
        "自治体フロントヤード改革の推進"
    ]
    assert point.technology_status == "trial"
    detail = dxer.get(f"/points/{point.pk}/").content.decode()
    assert "生成AI（導入状況: 実証中）" in detail
    # An area of another edition is not a choice for this year.
    refused = dxer.post(
        "/points/new/?year=2025",
        point_data(title="別のポイント", focus_areas=[area("1.0", 3).pk]),
    )
    assert refused.status_code == 200
    assert 'id="id_focus_areas_error"' in refused.content.decode()


def test_technologies_and_their_status_come_together(client_as, make_year):
    make_year(2024)
    dxer = client_as("dxer")
    rpa = Technology.objects.get(name="RPA").pk
    response = dxer.post("/points/new/", point_data(technologies=[rpa]))
    assert "技術の導入状況を選んでください。" in response.content.decode()
    response = dxer.post("/points/new/", point_data(technology_status="planned"))
    assert "導入状況の対象となる技術を選んでください。" in response.content.decode()
    assert not DxPoint.objects.exists()


# The import and the template --------------------------------------------------


def test_the_import_finds_focus_areas_within_the_years_edition(
    make_year, latest_year, people
):
    make_year(2024)  # on 第1.0版
    rows = [
        row(重点取組事項="1"),
        row(年度="2025", 重点取組事項="1;テレワークの推進"),
    ]
    interchange.apply_import(table=table_of(rows), file_name="x.csv", by=people.dxer)
    tags = {
        point.fiscal_year_id: sorted(
            (a.edition.code, a.number) for a in point.focus_areas.all()
        )
        for point in DxPoint.objects.all()
    }
    assert tags == {2024: [("1.0", 1)], 2025: [("2.3", 1), ("2.3", 7)]}


def test_a_focus_area_of_another_edition_is_refused(latest_year, people):
    rows = [row(年度="2025", 重点取組事項="自治体の行政手続のオンライン化")]
    preview = interchange.preview_import(
        table=table_of(rows), file_name="x.csv", by=people.dxer
    )
    assert [(e.column, e.message) for e in preview.errors] == [
        (
            "重点取組事項",
            "「自治体の行政手続のオンライン化」という重点取組事項はありません。"
            "重点取組事項の名称または番号（1〜7）を ; で区切って入力してください。",
        )
    ]


def test_the_templates_guide_lists_the_edition_of_its_year(latest_year, client_as):
    response = client_as("dxer").get("/interchange/template.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    guide = [
        row[0] or row[2] for row in workbook["記入方法"].iter_rows(values_only=True)
    ]
    heading = next(
        i for i, text in enumerate(guide) if text and "重点取組事項（" in text
    )
    assert "第2.3版" in guide[heading]
    assert guide[heading + 1 : heading + 8] == [str(n) for n in range(1, 8)]
    assert "オープンデータ" in guide


# Search across years ----------------------------------------------------------


def test_search_filters_by_an_area_of_either_edition(
    make_year, latest_year, make_point, client_as
):
    old_year = make_year(2024)
    old = make_point(old_year, title="旧版の標準化", state="approved")
    old.focus_areas.set([area("1.0", 1)])  # 自治体の情報システムの標準化・共通化
    new = make_point(latest_year, title="新版の標準化", state="approved")
    new.focus_areas.set([area("2.3", 2)])  # the same name in 第2.3版
    client = client_as("viewer")
    page = client.get("/points/search/").content.decode()
    # A name in both editions says which; a name in one does not.
    assert "自治体の情報システムの標準化・共通化（第1.0版）" in page
    assert "自治体の情報システムの標準化・共通化（第2.3版）" in page
    assert "自治体フロントヤード改革の推進（" not in page
    every_year = {"year": "all"}  # the two points are of two years
    assert found(client, focus_area=area("1.0", 1).pk, **every_year) == ["旧版の標準化"]
    assert found(client, focus_area=area("2.3", 2).pk, **every_year) == ["新版の標準化"]
    rpa = Technology.objects.get(name="RPA")
    new.technologies.set([rpa])
    assert found(client, technology=rpa.pk, **every_year) == ["新版の標準化"]


# The technologies page --------------------------------------------------------


def test_the_dx_office_adds_and_renames_technologies(client_as, make_year, make_point):
    point = make_point(make_year(2024))
    point.technologies.set(Technology.objects.filter(name="IoT"))
    client = client_as("dx_office")
    page = client.get("/years/technologies/").content.decode()
    assert "オープンデータ" in page
    response = client.post(
        "/years/technologies/", {"name": "ノーコード", "display_order": "120"}
    )
    assert response.status_code == 302
    assert Technology.objects.filter(name="ノーコード").exists()
    duplicate = client.post("/years/technologies/", {"name": "RPA", "display_order": 1})
    assert duplicate.status_code == 200
    iot = Technology.objects.get(name="IoT")
    client.post(
        f"/years/technologies/{iot.pk}/edit/",
        {"name": "IoT（センサー）", "display_order": "100"},
    )
    assert [t.name for t in point.technologies.all()] == ["IoT（センサー）"]
    for role in ("dxer", "head", "viewer"):
        assert client_as(role).get("/years/technologies/").status_code == 403
