"""Breadcrumbs that are links, the way back to the search, page numbers."""

import re
from urllib.parse import quote

import pytest

from initiatives.views.search import PAGE_SIZE


def crumbs(body: str) -> list[tuple[str, str]]:
    """(href or "", text) of each crumb; the current page has no href."""
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', body, re.S).group(0)
    items = re.findall(r"<li(?: aria-current=\"page\")?>(.*?)</li>", nav, re.S)
    result = []
    for item in items:
        link = re.match(r'<a href="([^"]*)">(.*)</a>', item)
        result.append((link[1], link[2]) if link else ("", item))
    return result


@pytest.fixture
def approved(make_year, make_point):
    return make_point(make_year(2024, phase="in_progress"), state="approved")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("dxer", [("/points/?year=2024", "担当課のDXポイント（令和6年度）")]),
        ("head", [("/departments/{shimin}/?year=2024", "市民生活部（令和6年度）")]),
        (
            "dx_office",
            [("/departments/{shimin}/?year=2024", "市民生活部（令和6年度）")],
        ),
        (
            "viewer",
            [
                ("/points/search/", "ポイント検索"),
                ("/points/search/?year=2024", "令和6年度"),
                ("/points/search/?year=2024&amp;department={shimin}", "市民生活部"),
            ],
        ),
    ],
)
def test_every_crumb_but_the_page_is_a_link(client_as, approved, org, role, expected):
    body = client_as(role).get(f"/points/{approved.pk}/").content.decode()
    expected = [(href.format(shimin=org.shimin.pk), text) for href, text in expected]
    assert crumbs(body) == [*expected, ("", approved.title)]
    for href, _text in expected:
        assert client_as(role).get(href.replace("&amp;", "&")).status_code == 200
    history = client_as(role).get(f"/points/{approved.pk}/history/").content.decode()
    assert crumbs(history) == [
        *expected,
        (f"/points/{approved.pk}/", approved.title),
        ("", "変更履歴"),
    ]


def test_a_point_opened_from_the_search_leads_back_to_its_results(client_as, approved):
    client = client_as("viewer")
    results = client.get("/points/search/", {"q": "窓口", "stage": "digitalization"})
    link = re.search(r'<a href="(/points/\d+/\?from=[^"]+)">', results.content.decode())
    assert link is not None
    body = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert crumbs(body)[:2] == [
        ("/points/search/", "ポイント検索"),
        ("/points/search/?q=%E7%AA%93%E5%8F%A3&amp;stage=digitalization", "検索結果"),
    ]


@pytest.mark.parametrize(
    "sneaky",
    [
        "https://evil.example/",
        "//evil.example/",
        "q=x&next=https://evil.example/",
        "javascript:alert(1)",
        "q=" + "x" * 2000,
    ],
)
def test_the_way_back_never_leaves_the_search_page(client_as, approved, sneaky):
    body = (
        client_as("viewer")
        .get(f"/points/{approved.pk}/?from={quote(sneaky)}")
        .content.decode()
    )
    back = crumbs(body)[1][0]
    assert back.startswith("/points/search/")
    assert "evil" not in back and "javascript" not in back and "next" not in back


def test_the_search_shows_page_numbers_with_the_current_one_marked(
    client_as, make_year, make_points
):
    make_points(make_year(2024), PAGE_SIZE * 12 + 1, states=("approved",))
    body = (
        client_as("viewer")
        .get("/points/search/", {"q": "窓口", "page": 6})
        .content.decode()
    )
    pages = re.search(r'<ul class="pagination">(.*?)</ul>', body, re.S).group(1)
    numbers = re.findall(r"</span>(\d+)</a>", pages)
    assert numbers == ["1", "4", "5", "6", "7", "8", "13"]
    assert re.search(
        r'href="\?q=%E7%AA%93%E5%8F%A3&amp;page=6" aria-current="page">', pages
    )
    assert pages.count('aria-current="page"') == 1
    assert "…" in pages
