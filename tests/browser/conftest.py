"""Playwright driving Debian's chromium against the live test server, with axe-core."""

import os
import shutil
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.signals import request_finished, request_started

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


class ServerRequests:
    """The live server's requests still being answered, the closing of their database
    connection included (`request_finished`), so a test ends only once they are done: one
    answered after it would meet a database being emptied for the next test."""

    def __init__(self):
        self.running = 0
        self.done = threading.Condition()

    # The test client answers in the test's own thread: only the server's threads count.
    def started(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.done:
                self.running += 1

    def finished(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.done:
                self.running -= 1
                self.done.notify_all()

    def wait(self, timeout=10):
        with self.done:
            return self.done.wait_for(lambda: self.running <= 0, timeout)


@pytest.fixture(scope="session")
def server_requests():
    requests = ServerRequests()
    request_started.connect(requests.started)
    # After Django's own receivers: the connection is closed by then.
    request_finished.connect(requests.finished)
    yield requests
    request_started.disconnect(requests.started)
    request_finished.disconnect(requests.finished)


@pytest.fixture
def new_context(browser, live_server, server_requests):
    """new_context(**options) → a browser context on the live server, closed after the test
    once its requests are answered. The admin's `sendBeacon` (the editor's "release" of its
    editing session, sent as the page is left) is turned off: nobody could wait for it."""
    contexts, outside = {}, []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.add_init_script("navigator.sendBeacon = () => true;")
        pending = contexts[context] = set()

        def watch(request):
            if request.url.startswith(live_server.url):
                pending.add(request)
            elif not request.url.startswith("data:"):
                outside.append(request.url)

        context.on("request", watch)
        context.on("requestfinished", lambda request: pending.discard(request))
        context.on("requestfailed", lambda request: pending.discard(request))
        context.on("close", lambda context: contexts.pop(context, None))  # closed by the test
        return context

    yield open_context
    for context, pending in list(contexts.items()):
        context.route("**/*", lambda route: route.abort())  # nothing new leaves the browser
        for _ in range(200):  # what has left is answered: 10 s at most
            if not (pending and context.pages):
                break
            context.pages[0].wait_for_timeout(50)
    server_requests.wait()
    for context in list(contexts):
        context.close()
    assert outside == [], f"requests to other hosts: {outside}"


@pytest.fixture
def page(new_context):
    return new_context().new_page()


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
