"""The head's review page: columns, filters, sorting, the return page, what next."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import services
from initiatives.models import DxPoint

URL = "/review/"


def rows(body: str, table: int = 0) -> list[str]:
    """The titles of the points table (0) or the reports table (1), in order."""
    caption = ("points-caption", "reports-caption")[table]
    found = re.search(rf'id="{caption}".*?<tbody>(.*?)</tbody>', body, re.S)
    if found is None:
        return []
    return re.findall(
        r'<th scope="row" class="name-cell"><a href="/points/\d+/">([^<]*)</a>',
        found.group(1),
    )


@pytest.fixture
def waiting(make_year, make_point, org):
    """Submitted points in two years and sections, and submitted reports."""
    this, last = make_year(2024), make_year(2023, phase="in_progress")
    reporting = make_year(2022, phase="reporting")
    return {
        "a": make_point(this, title="A窓口", state="submitted"),
        "b": make_point(this, title="B税", state="submitted", section=org.zeimu_ka),
        "c": make_point(last, title="C去年", state="submitted"),
        "draft": make_point(this, title="D下書き"),
        "returned": make_point(this, title="E差戻し", state="returned"),
        "approved": make_point(this, title="F承認", state="approved"),
        "other": make_point(
            this, title="G福祉", state="submitted", section=org.kaigo_ka
        ),
        "report": make_point(
            reporting,
            title="H報告",
            state="approved",
            indicator_unit="件",
            report={"actual": 1250, "state": "submitted"},
        ),
        "report_other": make_point(
            reporting,
            title="I福祉報告",
            state="approved",
            section=org.kaigo_ka,
            report={"actual": 50, "state": "submitted"},
        ),
    }


def test_the_review_lists_what_waits_with_year_values_rate_and_level(
    client_as, waiting
):
    body = client_as("head").get(URL).content.decode()
    assert rows(body) == ["A窓口", "B税", "C去年"]  # newest year first
    assert rows(body, 1) == ["H報告"]
    points = re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)
    assert "令和6年度" in points and "令和5年度" in points
    assert "令和4年度" in re.findall(r"<tbody>(.*?)</tbody>", body, re.S)[1]
    report_row = re.findall(r"<tbody>(.*?)</tbody>", body, re.S)[1]
    # Baseline 0, target 100, actual 1,250: rate 1250.0%, level A.
    assert "1,250 件" in report_row and "1250.0%" in report_row
    assert re.search(r">A：達成</td>", report_row)
    assert "data-select-all" in body and "js/select-all.js" in body


def test_each_row_shows_its_state_and_whether_it_came_late(client_as, waiting):
    DxPoint.objects.filter(pk=waiting["a"].pk).update(is_late=True)
    waiting["report"].report.__class__.objects.filter(
        pk=waiting["report"].report.pk
    ).update(is_late=True)
    body = client_as("head").get(URL).content.decode()
    points, reports = re.findall(r"<tbody>(.*?)</tbody>", body, re.S)
    late = '<span class="status status--late">期限後</span>'
    submitted = '<span class="status status--submitted">提出済み</span>'
    a_row, b_row = (
        re.search(rf"<tr>(?:(?!</tr>).)*{t}.*?</tr>", points, re.S).group(0)
        for t in ("A窓口", "B税")
    )
    assert f"{submitted} {late}" in a_row
    assert submitted in b_row and late not in b_row
    assert f"{submitted} {late}" in reports
    # The DXer's list shows the point's badge and its report's.
    mine = client_as("dxer").get("/points/", {"year": "2022"}).content.decode()
    assert '<span class="status status--approved">' in mine
    assert f"{submitted} {late}" in mine


def test_filters_by_section_year_and_state(client_as, waiting, org):
    client = client_as("head")
    body = client.get(URL, {"section": org.zeimu_ka.pk}).content.decode()
    assert rows(body) == ["B税"] and rows(body, 1) == []
    body = client.get(URL, {"year": "2023"}).content.decode()
    assert rows(body) == ["C去年"] and rows(body, 1) == []
    body = client.get(URL, {"year": "2022"}).content.decode()
    assert rows(body) == [] and rows(body, 1) == ["H報告"]
    body = client.get(URL, {"show": "returned"}).content.decode()
    assert rows(body) == ["E差戻し"]
    assert 'name="points"' not in body  # nothing to tick: nothing waits
    body = client.get(URL, {"show": "done"}).content.decode()
    assert rows(body) == ["F承認", "H報告"]
    body = client.get(URL, {"show": "all", "year": "2024"}).content.decode()
    assert rows(body) == ["A窓口", "E差戻し", "F承認", "B税"]  # by section
    assert "D下書き" not in body  # drafts never reach the head


def test_sorting(client_as, waiting):
    client = client_as("head")
    assert rows(client.get(URL, {"sort": "title"}).content.decode()) == [
        "A窓口",
        "B税",
        "C去年",
    ]
    assert rows(client.get(URL, {"sort": "section"}).content.decode()) == [
        "A窓口",
        "C去年",
        "B税",
    ]
    DxPoint.objects.filter(title="A窓口").update(submitted_at="2024-05-03T00:00Z")
    DxPoint.objects.filter(title="B税").update(submitted_at="2024-05-01T00:00Z")
    DxPoint.objects.filter(title="C去年").update(submitted_at="2024-05-02T00:00Z")
    assert rows(client.get(URL, {"sort": "oldest"}).content.decode()) == [
        "B税",
        "C去年",
        "A窓口",
    ]
    assert rows(client.get(URL, {"sort": "newest"}).content.decode()) == [
        "A窓口",
        "C去年",
        "B税",
    ]


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"sort": "price"}, "並べ替え"),
        ({"show": "<script>"}, "表示"),
        ({"year": "abc"}, "年度"),
        ({"year": "1999"}, "年度"),
        ({"section": "99999999999999999999"}, "課"),
        ({"section": "'; DROP TABLE"}, "課"),
    ],
)
def test_bad_filters_get_one_message_and_the_default(client_as, waiting, query, word):
    response = client_as("head").get(URL, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("指定どおりには表示できませんでした") == 1
    assert f"{word}:" in body
    assert rows(body) == ["A窓口", "B税", "C去年"]
    assert "<script>" not in body.split("<main", 1)[1]


def test_another_departments_section_is_refused(client_as, waiting, org):
    body = client_as("head").get(URL, {"section": org.kaigo_ka.pk}).content.decode()
    assert "指定どおりには表示できませんでした" in body
    assert "G福祉" not in body and "I福祉報告" not in body


@pytest.mark.parametrize("role", ["dxer", "dx_office", "viewer", "dxer2"])
def test_only_heads_open_the_review(client_as, role):
    assert client_as(role).get(URL).status_code == 403


def test_bulk_approval_with_nothing_ticked_says_so(client_as, waiting):
    body = client_as("head").post("/review/approve/", follow=True).content.decode()
    assert body.count("承認するDXポイントを選んでください") == 1
    assert DxPoint.objects.filter(state="submitted").count() == 4


def test_after_approving_the_next_waiting_item_is_one_click_away(client_as, waiting):
    client = client_as("head")
    response = client.post(f"/points/{waiting['a'].pk}/approve/", follow=True)
    body = response.content.decode()
    assert re.search(
        rf'<a href="/points/{waiting["b"].pk}/">次の確認待ち：「B税」</a>', body
    )
    assert body.count("「A窓口」を承認しました") == 1


def test_after_returning_the_next_waiting_item_is_one_click_away(client_as, waiting):
    client = client_as("head")
    response = client.post(
        f"/points/{waiting['c'].pk}/return/", {"comment": "直して"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/points/{waiting['c'].pk}/"
    body = response.content.decode()
    assert f'<a href="/points/{waiting["a"].pk}/">次の確認待ち：「A窓口」</a>' in body


def test_when_nothing_else_waits_the_message_says_so(client_as, make_year, make_point):
    point = make_point(make_year(2024), state="submitted")
    body = (
        client_as("head")
        .post(f"/points/{point.pk}/approve/", follow=True)
        .content.decode()
    )
    assert "ほかに確認を待っているものはありません" in body
    assert '<a href="/review/">承認・確認の画面に戻る</a>' in body


def test_the_return_page_shows_the_point(client_as, waiting):
    body = client_as("head").get(f"/points/{waiting['a'].pk}/return/").content
    body = body.decode()
    assert "差し戻すDXポイント" in body
    assert "転入届の事前入力をオンラインで受け付ける。" in body  # the description
    assert "オンライン申請の割合" in body and "住民異動届の受付" in body


def test_the_return_page_shows_the_report(client_as, waiting):
    point = waiting["report"]
    body = client_as("head").get(f"/points/{point.pk}/report/return/").content
    body = body.decode()
    assert "差し戻す年度末報告" in body
    assert "1,250 件" in body and "1250.0%" in body
    assert "受付時間が短くなった。" in body  # the effect
    assert "0時間" in body  # hours saved, with the unit


def _count(client, query) -> int:
    client.get(URL, query)
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, query).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"show": "all", "year": "2024", "sort": "newest"},
        {"show": "done", "section": "{section}", "sort": "section"},
    ],
)
def test_the_review_runs_the_same_queries_for_10_and_200_rows(
    client_as, make_year, make_points, make_point, org, query
):
    """Session, user, roles, years (filter), sections (filter), points (with
    section, department, year and report), reports (with point, section,
    department and year), departments: none per row."""
    year = make_year(2024)
    last = make_year(2023, phase="reporting")
    query = {
        key: value.format(section=org.shimin_ka.pk) for key, value in query.items()
    }
    states = ("submitted", "approved", "returned")

    def grow(count):
        make_points(year, count, states=states)
        for index in range(count // 10):
            make_point(
                last, state="approved", report={"actual": index, "state": "submitted"}
            )

    client = client_as("head")
    grow(10)
    small = _count(client, query)
    grow(190)
    assert _count(client, query) == small


def test_each_single_action_changes_state_once(client_as, waiting, people):
    services.approve_point(waiting["b"], by=people.head)
    response = client_as("head").post(f"/points/{waiting['b'].pk}/approve/")
    assert response.status_code == 403
