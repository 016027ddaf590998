"""Every page of the URL matrix, opened in Chromium by someone allowed to see it.

The journeys visit the pages of each workflow; this sweep makes sure no page
is left out of the axe-core check (and of the console-error check: a CSP
block fails the test), including forms and confirmation pages no journey
reaches.
"""

from playwright.sync_api import expect

from tests.portal import test_url_matrix as matrix

EXPECTED = matrix.EXPECTED
objects = matrix.objects  # the matrix's objects fixture: a draft, a report …

# Files, JSON, redirects and POST-only URLs: nothing for axe to read.
NOT_PAGES = {
    "healthz",
    "glossary:csv",
    "set_language",
    "logout",
    "initiatives:import_template",
    "initiatives:points_export",
    "initiatives:report_result",  # the year-end report form's JSON answer
    "initiatives:staff_template",
    "evaluation:version_export",
    "evaluation:version_opendata",
    "evaluation:draft_export",
    "evaluation:survey_download",
    "initiatives:report_hours",
}
# Who opens each page: the first of these the matrix lets in.
PREFERENCE = ("dx_office", "head", "dxer", "viewer", "anonymous")


def pages_by_role() -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {}
    for name, (_build, expected) in sorted(EXPECTED.items()):
        if name in NOT_PAGES:
            continue
        role = next((r for r in PREFERENCE if expected.get(r) == 200), None)
        if role is not None:
            chosen.setdefault(role, []).append(name)
    return chosen


def test_the_sweep_covers_every_page_a_person_can_open():
    covered = {name for names in pages_by_role().values() for name in names}
    openable = {
        name
        for name, (_build, expected) in EXPECTED.items()
        if 200 in expected.values() and name not in NOT_PAGES
    }
    assert covered == openable


def test_every_page_is_accessible(new_page, objects, people, login, assert_accessible):
    for role, names in pages_by_role().items():
        page = new_page()
        if role != "anonymous":
            login(page, getattr(people, role).username)
        for name in names:
            url = EXPECTED[name][0](objects)
            response = page.goto(url)
            assert response is not None and response.status == 200, (name, url)
            expect(page.locator("main")).to_be_visible()
            assert_accessible(page)
