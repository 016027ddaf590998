"""Searching the city's points (横展開): keywords, filters, scope, bad input."""

import re

import pytest

from initiatives.views.search import PAGE_SIZE

URL = "/points/search/"


def titles(response) -> list[str]:
    """The titles the results table lists, in order."""
    assert response.status_code == 200
    body = response.content.decode()
    table = (
        body.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in body else ""
    )
    return re.findall(
        r'<th scope="row"><a href="/points/\d+/(?:\?from=[^"]*)?">([^<]*)</a>', table
    )


def found(client, **query) -> list[str]:
    return titles(client.get(URL, query))


def test_every_word_must_appear_in_the_title_or_the_description(
    planning, make_point, client_as
):
    make_point(
        planning,
        title="窓口予約",
        description="来庁の予約をオンラインで",
        state="approved",
    )
    make_point(
        planning, title="窓口の案内", description="番号札を表示する", state="approved"
    )
    make_point(
        planning, title="電子申請", description="窓口に来なくてよい", state="approved"
    )
    viewer = client_as("viewer")
    assert found(viewer, q="窓口") == ["窓口予約", "窓口の案内", "電子申請"]
    # Words are split at full-width spaces too; each narrows the result.
    assert found(viewer, q="窓口\u3000オンライン") == ["窓口予約"]
    assert found(viewer, q="  窓口   番号札 ") == ["窓口の案内"]
    assert found(viewer, q="窓口 ない言葉") == []


@pytest.mark.parametrize("typed", ["RPA", "rpa", "ＲＰＡ", "ｒｐａ", "Rpa"])
def test_latin_letters_match_whatever_their_width_or_case(
    typed, planning, make_point, client_as
):
    make_point(planning, title="RPAの導入", state="approved")
    make_point(planning, title="ＲＰＡで入力", state="approved")
    make_point(
        planning, title="AI-OCR", description="手書き帳票を読む", state="approved"
    )
    assert found(client_as("viewer"), q=typed) == ["RPAの導入", "ＲＰＡで入力"]


def test_half_width_katakana_finds_full_width(planning, make_point, client_as):
    make_point(planning, title="オンライン申請", state="approved")
    assert found(client_as("viewer"), q="ｵﾝﾗｲﾝ") == ["オンライン申請"]


def test_filters_narrow_by_year_department_principle_area_stage_and_level(
    planning, make_year, make_point, org, client_as
):
    from initiatives.models import FocusArea

    closed = make_year(2023, phase="closed")
    area = FocusArea.objects.of_edition(planning.focus_area_edition_id).first()
    numeric = {"state": "approved", "report": {"actual": 100, "state": "confirmed"}}
    make_point(planning, title="今年の市民課", principles=[1], **numeric)
    make_point(closed, title="昨年の市民課", principles=[2], state="approved")
    make_point(
        planning,
        title="介護の電子化",
        section=org.kaigo_ka,
        principles=[3],
        stage="digitization",
        state="approved",
    ).focus_areas.add(area)
    viewer = client_as("viewer")
    assert found(viewer, year=2023) == ["昨年の市民課"]
    assert found(viewer, department=org.fukushi.pk) == ["介護の電子化"]
    assert found(viewer, principle=_principle(2), year="all") == ["昨年の市民課"]
    assert found(viewer, principle=_principle(2)) == []  # this year's points only
    assert found(viewer, focus_area=area.pk) == ["介護の電子化"]
    assert found(viewer, stage="digitization") == ["介護の電子化"]
    assert found(viewer, level="A") == ["今年の市民課"]
    assert found(viewer, year=2024, department=org.shimin.pk) == ["今年の市民課"]


def test_the_search_reads_this_years_points_unless_asked_for_all(
    planning, make_year, make_point, client_as
):
    """A common word over ten years: the count reads one year's matches."""
    for year in range(2015, 2024):
        make_point(
            make_year(year, phase="closed"), title=f"窓口{year}", state="approved"
        )
    make_point(planning, title="窓口2024", state="approved")
    viewer = client_as("viewer")
    page = viewer.get(URL, {"q": "窓口"})
    assert titles(page) == ["窓口2024"]
    body = page.content.decode()
    assert "すべての年度で探す" in body and "year=all" in body
    everything = viewer.get(URL, {"q": "窓口", "year": "all"})
    assert len(titles(everything)) == 10
    assert "すべての年度で探す" not in everything.content.decode()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        viewer.get(URL, {"q": "窓口"})
    # One query counts the matches, with the page's ids (COUNT(...) OVER ()).
    [count] = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "initiatives_dxpoint"' in query["sql"] and "COUNT(" in query["sql"]
    ]
    assert "OVER ()" in count
    assert '"initiatives_dxpoint"."fiscal_year_id" = 2024' in count


def _principle(number: int) -> int:
    from initiatives.models import Principle

    return Principle.objects.get(number=number).pk


def test_others_see_approved_points_only_and_a_dxer_also_their_own(
    planning, make_point, org, client_as
):
    make_point(planning, title="承認済み", state="approved")
    make_point(planning, title="市民課の下書き", state="draft")
    make_point(planning, title="介護の下書き", section=org.kaigo_ka, state="draft")
    assert found(client_as("viewer")) == ["承認済み"]
    # The DXer of 市民課 finds their own draft, marked with its state, but not
    # another section's; a head their department's; the DX office all.
    mine = client_as("dxer").get(URL, {"q": "下書き"})
    assert titles(mine) == ["市民課の下書き"]
    assert '<span class="status status--draft">下書き</span>' in mine.content.decode()
    assert found(client_as("head2"), q="下書き") == ["介護の下書き"]
    assert sorted(found(client_as("dx_office"))) == sorted(
        ["承認済み", "市民課の下書き", "介護の下書き"]
    )


def test_results_come_in_pages_and_the_links_keep_the_search(
    planning, make_point, client_as
):
    for number in range(PAGE_SIZE + 5):
        make_point(planning, title=f"窓口{number:02}", state="approved")
    viewer = client_as("viewer")
    first = viewer.get(URL, {"q": "窓口", "year": 2024})
    assert len(titles(first)) == PAGE_SIZE
    body = first.content.decode()
    assert f"{PAGE_SIZE + 5}件" in body
    assert "?q=%E7%AA%93%E5%8F%A3&amp;year=2024&amp;page=2" in body
    second = viewer.get(URL, {"q": "窓口", "year": 2024, "page": 2})
    assert len(titles(second)) == 5
    # A page past the end, or not a number, shows a page rather than failing.
    assert len(titles(viewer.get(URL, {"q": "窓口", "page": 99}))) == 5
    assert len(titles(viewer.get(URL, {"q": "窓口", "page": "abc"}))) == PAGE_SIZE
    assert len(titles(viewer.get(URL, {"q": "窓口", "page": "２"}))) == 5


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "1999"}, "year"),
        ({"department": "999999"}, "department"),
        ({"principle": "x"}, "principle"),
        ({"stage": "<b>"}, "stage"),
        ({"level": "Z"}, "level"),
        ({"q": "窓" * 101}, "q"),
    ],
)
def test_bad_filters_get_a_message_not_an_error(
    query, field, planning, make_point, client_as
):
    make_point(planning, title="窓口", state="approved")
    response = client_as("viewer").get(URL, query)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    # The message is in Japanese and the unfiltered list is still shown.
    assert re.search(r"[ぁ-んァ-ン一-龥]", form.errors[field][0])
    assert titles(response) == ["窓口"]


def test_the_keyword_is_escaped_and_like_wildcards_are_literal(
    planning, make_point, client_as
):
    make_point(planning, title="100%達成", state="approved")
    make_point(planning, title="達成率", state="approved")
    viewer = client_as("viewer")
    assert found(viewer, q="%") == ["100%達成"]
    assert found(viewer, q="_") == []
    response = viewer.get(URL, {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_a_point_deleted_between_the_two_queries_is_left_out(planning, make_point):
    from initiatives.views.search import _in_order

    first = make_point(planning, title="一つ目", state="approved")
    second = make_point(planning, title="二つ目", state="approved")
    ids = [second.pk, first.pk]
    first.delete()
    assert [point.title for point in _in_order(ids)] == ["二つ目"]
