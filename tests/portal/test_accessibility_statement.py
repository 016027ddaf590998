"""The accessibility statement (アクセシビリティ方針): public, linked from every
page's footer, with the target, the tests and the latest result."""

import pytest

from iruma_dx.accessibility import LATEST_TEST
from iruma_dx.lib.dates import japanese_date


def test_the_statement_is_public_and_says_what_is_aimed_at_and_tested(client, db):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>アクセシビリティ方針</h1>" in body
    assert "JIS X 8341-3:2016 適合レベルAA" in body
    assert "axe-core" in body and "キーボードだけ" in body and "320" in body
    assert f"試験日：{japanese_date(LATEST_TEST.day)}" in body
    assert f"{LATEST_TEST.pages}ページ" in body
    assert f"問題 {LATEST_TEST.violations}件" in body


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("anonymous", "/glossary/"),
        ("anonymous", "/glossary/14/"),
        ("anonymous", "/accounts/login/"),
        ("viewer", "/"),
        ("dxer", "/points/"),
        ("head", "/review/"),
    ],
)
def test_every_page_links_to_it_from_the_footer(client_as, role, url):
    body = client_as(role).get(url).content.decode()
    footer = body.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/accessibility/">アクセシビリティ方針</a>' in footer


@pytest.mark.parametrize("url", ["/glossary/", "/glossary/14/", "/accessibility/"])
def test_public_pages_link_to_the_sign_in_page(client, db, url):
    body = client.get(url).content.decode()
    header = body.split("</header>", 1)[0]
    assert (
        '<a class="button button--secondary button--small" href="/accounts/login/">'
        in header
    )


def test_signed_in_people_are_not_offered_the_sign_in_link(client_as):
    body = client_as("viewer").get("/glossary/").content.decode()
    assert 'href="/accounts/login/"' not in body


def test_the_statement_counts_what_the_browser_tests_check():
    from tests.browser.test_every_page import pages_by_role
    from tests.browser.test_reflow import REFLOW_PAGES

    assert LATEST_TEST.pages == sum(len(names) for names in pages_by_role().values())
    assert LATEST_TEST.reflow_pages == REFLOW_PAGES
    assert LATEST_TEST.keyboard_journeys == 2  # tests/browser/test_keyboard.py
