"""Hostile and mistyped input: a clear message, nothing stored, never a 500."""

from decimal import Decimal

import pytest

from initiatives.models import Assignment, DxPoint, Plan, Section

BAD_YEARS = ["1025", "0000", "１０２５", "令和99年度", "2101"]
YEAR_MESSAGE = "年度は2000〜2100の範囲で入力してください。"


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_plan_cannot_start_in_a_year_the_portal_does_not_accept(client_as, org, year):
    office = client_as("dx_office")
    response = office.post(
        "/plans/new/",
        {"title": "第3次情報化計画", "department": org.kikaku.pk, "start_year": year},
    )
    assert response.status_code == 200
    assert not Plan.objects.exists()
    assert "年度" in response.content.decode()
    assert office.get("/plans/").status_code == 200


@pytest.mark.parametrize("year", ["1025", "0000", "0"])
def test_a_unit_cannot_be_retired_or_renamed_from_such_a_year(client_as, org, year):
    office = client_as("dx_office")
    retire = office.post(
        f"/org/sections/{org.zeimu_ka.pk}/retire/", {"from_year": year}
    )
    rename = office.post(
        f"/org/sections/{org.zeimu_ka.pk}/rename/",
        {"name": "税務課", "from_year": year},
    )
    assert retire.status_code == rename.status_code == 200
    section = Section.objects.get(pk=org.zeimu_ka.pk)
    assert (section.name, section.retired_from) == ("市民税課", None)
    assert Section.objects.count() == 4
    assert office.get("/org/").status_code == 200


def test_a_role_cannot_start_in_such_a_year(client_as, people, org):
    before = Assignment.objects.count()
    response = client_as("dx_office").post(
        f"/org/people/{people.viewer.pk}/",
        {
            "assign": "1",
            "assign-role": "dxer",
            "assign-section": org.zeimu_ka.pk,
            "assign-start_year": "1025",
        },
    )
    assert response.status_code == 200
    assert YEAR_MESSAGE in response.content.decode()
    assert Assignment.objects.count() == before


@pytest.mark.parametrize("url", ["/org/", "/org/rotation/", "/org/people/"])
@pytest.mark.parametrize("year", ["1025", "0000", "abc", "99999999999999999999"])
def test_year_filters_explain_and_show_a_year(client_as, people, url, year):
    response = client_as("dx_office").get(url, {"year": year})
    assert response.status_code == 200


def test_a_year_filter_says_what_is_wrong(client_as, people):
    response = client_as("dx_office").get("/org/", {"year": "1025"})
    assert YEAR_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/years/1025/", "/years/0000/", "/years/2101/edit/", "/reports/1999/"]
)
def test_urls_naming_such_a_year_are_404(client_as, people, url):
    assert client_as("dx_office").get(url).status_code == 404


@pytest.mark.parametrize("value", ["abc", "1e309", "-1", "１", ""])
@pytest.mark.parametrize("url", ["/points/new/", "/points/carry-forward/"])
def test_a_section_that_is_not_an_id_is_404(client_as, make_year, url, value):
    make_year(2024)
    response = client_as("dxer").get(url, {"year": "2024", "section": value})
    assert response.status_code == 404


def test_another_dxers_section_is_404(client_as, make_year, org):
    make_year(2024)
    response = client_as("dxer").get(
        "/points/new/", {"year": "2024", "section": org.kaigo_ka.pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "ids", [["abc"], ["1e309"], ["-1"], [""], ["99999999999999999999"]]
)
def test_bulk_approval_of_odd_ids_changes_nothing(
    client_as, make_year, make_point, ids
):
    point = make_point(make_year(2024), state="submitted")
    head = client_as("head")
    response = head.post("/review/approve/", {"points": [str(point.pk), *ids]})
    assert response.status_code == 302
    assert DxPoint.objects.get(pk=point.pk).state == "submitted"
    assert "何も処理しませんでした" in head.get("/review/").content.decode()


def test_bulk_approval_with_nothing_ticked_says_so(client_as, make_year, make_point):
    point = make_point(make_year(2024), state="submitted")
    head = client_as("head")
    head.post("/review/approve/", {})
    assert DxPoint.objects.get(pk=point.pk).state == "submitted"
    assert "承認するDXポイントを選んでください" in head.get("/review/").content.decode()


@pytest.mark.parametrize("ids", [["abc"], ["1e309"]])
def test_bulk_confirmation_of_odd_ids_changes_nothing(
    client_as, make_year, make_point, ids
):
    point = make_point(
        make_year(2024, phase="reporting"),
        state="approved",
        report={"actual": Decimal(90), "state": "submitted"},
    )
    response = client_as("head").post("/review/confirm/", {"reports": ids})
    assert response.status_code == 302
    point.report.refresh_from_db()
    assert point.report.state == "submitted"


@pytest.mark.parametrize("revision", ["-1", "99999999999999", "abc", "1.5"])
def test_a_tampered_revision_is_explained_and_nothing_is_saved(
    client_as, make_year, make_point, revision
):
    point = make_point(make_year(2024))
    dxer = client_as("dxer")
    form = dxer.get(f"/points/{point.pk}/edit/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, "") and name != "revision"
    }
    data.update(
        title="書き換えた題名",
        principles=["1"],
        revision=revision,
        stage="digitalization",
        baseline="0",
        target="100",
    )
    response = dxer.post(f"/points/{point.pk}/edit/", data)
    assert response.status_code == 200
    assert "このページは古いか、壊れています" in response.content.decode()
    assert DxPoint.objects.get(pk=point.pk).title == point.title
