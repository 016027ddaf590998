"""Playwright on Debian's Chromium, with an axe-core check helper.

Every test in this folder is marked ``browser``; ``make test-fast`` skips them.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

# live_server runs in a thread beside sync Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _reference_data_for_every_test(reload_reference_data):
    """live_server empties every table after each test: load it again."""


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page as it is now; fail on any violation.

    Wait for the document to finish loading first: axe needs a whole page,
    and a test that checks right after a click may still be mid-navigation.
    """

    def check(page) -> None:
        page.wait_for_load_state("load")
        for attempt in range(3):
            try:
                results = axe.run(page)
                break
            except PlaywrightError as error:
                # A navigation began after the load event we waited for: the
                # document went away under axe. Check the page it leads to.
                if attempt == 2 or not _navigated_away(error):
                    raise
                page.wait_for_load_state("load")
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in violations
        ]
        assert results.violations_count == 0, f"{page.url}\n" + "\n".join(details)

    return check


def _navigated_away(error: Exception) -> bool:
    message = str(error)
    return "Execution context was destroyed" in message or (
        "reading 'documentElement'" in message
    )


@pytest.fixture
def page(page):
    """A page that fails the test on any console error (a CSP block, say)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    assert not errors, errors


@pytest.fixture
def login(base_url, password):
    """Sign a page in through the login form, as a person would."""

    def sign_in(page, username: str) -> None:
        page.goto(f"{base_url}/accounts/login/")
        page.get_by_label("ユーザー名").fill(username)
        page.get_by_label("パスワード").fill(password)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url(f"{base_url}/")

    return sign_in


@pytest.fixture
def new_page(browser, base_url):
    """Open a page in a fresh browser context (a second person at another desk)."""
    contexts, errors = [], []

    def open_page(*, refused_pages_expected: bool = False):
        """``refused_pages_expected``: the person will be shown 403/404 pages."""
        context = browser.new_context(base_url=base_url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)

        def on_console(message) -> None:
            if message.type != "error":
                return
            if refused_pages_expected and "status of 40" in message.text:
                return
            errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, errors
