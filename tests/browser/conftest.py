"""Playwright driving Debian's chromium against the live test server, with axe-core."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import COPIES

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(playwright):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    outside = []

    def watch(request):
        if not request.url.startswith((live_server.url, "data:")):
            outside.append(request.url)

    context.on("request", watch)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page):
        # Colours are read once transitions end (Wagtail's messages fade in): mid-fade, axe
        # would measure a blend that nobody reads. Decorative loops (the admin's 25-second
        # "ping" of a new badge) are not waited for.
        page.evaluate(
            """Promise.all(document.getAnimations()
                .filter(a => a.effect.getComputedTiming().endTime <= 2000)
                .map(a => a.finished.catch(() => null)))"""
        )
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        violations = results.response["violations"]
        assert violations == [], results.generate_report()

    return check


@pytest.fixture
def demo_site(request, transactional_db):
    """The demo site, as `make run` loads it, in a database the live server shares.

    Browser tests are transactional (the server runs in another thread): the database is flushed
    after each one, and their `serialized_rollback` puts the migrated rows back before the next.
    The demo itself is loaded once per test process and copied back after that
    (tests/snapshot.py).
    """
    request.config.stash[COPIES].load_demo()
