import datetime
import fcntl
import importlib
import logging
import os
import signal
import sys
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.management import call_command
from django.db import transaction
from django.urls import clear_url_caches
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright
from wagtail.models import Locale, Site

from home.roles import setup_roles
from tests.factories import StaffUserFactory
from tests.snapshot import Copies

# What depends on the database's own behaviour (locks, raw SQL, full-text search, query counts, the
# task queue), and the browser tests, which drive the whole stack as production runs it: CI runs
# these on PostgreSQL as well, and everything on SQLite but the browser tests (.ci/run).
EVERY_DATABASE = (
    "tests/browser/",
    "tests/search/",
    "tests/alerts/",
    "tests/applications/test_concurrency.py",
    "tests/applications/test_registration_concurrency.py",
    "tests/applications/test_references.py",
    "tests/applications/test_task_queue.py",
    "tests/applications/test_emails_and_retention.py",
    "tests/applications/test_mail_server.py",
    "tests/applications/test_walkthrough.py",
    "tests/volunteering/test_concurrency.py",
    "tests/config/test_queries.py",
    "tests/config/test_budgets.py",
    "tests/config/test_task_queue.py",
    "tests/config/test_query_strings.py",
    "tests/home/test_caching.py",
    "tests/home/test_dashboard.py",
    "tests/home/test_mail.py",
    "tests/home/test_healthz.py",
    "tests/home/test_worker.py",
    "tests/home/test_errors.py",
)

DB_BLOCKER = pytest.StashKey[object]()
COPIES = pytest.StashKey[Copies]()


def pytest_collection_modifyitems(items):
    for item in items:
        if item.nodeid.startswith(EVERY_DATABASE):
            item.add_marker(pytest.mark.every_database)


@pytest.fixture(scope="session")
def playwright(request):
    """Playwright, when browser tests were collected; None otherwise.

    Its sync API keeps an event loop running in this thread, and while one runs Django gives the
    thread's ORM a connection of its own. So it starts before the test database is set up (see
    `django_db_setup`): the connection that tests use is then the one that holds the database's
    serialized state, and `serialized_rollback` works as Django documents it."""
    if not any(item.get_closest_marker("browser") for item in request.session.items):
        yield None
        return
    # The ORM calls fixtures and tests make are synchronous, in this thread: safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def django_db_setup(playwright, django_db_setup):
    """pytest-django's test database, set up once Playwright runs (see `playwright`)."""
    yield


@pytest.fixture(scope="session", autouse=True)
def copies(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The rows the migrations create (locales, home page, site, groups), copied before any test;
    None when no test collected uses the database (pytest-django then creates none)."""
    if not any(
        item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(item.fixturenames)
        for item in request.session.items
    ):
        return None
    with django_db_blocker.unblock():
        made = Copies(tmp_path_factory.mktemp("demo-files"))
    request.config.stash[COPIES] = made
    request.config.stash[DB_BLOCKER] = django_db_blocker
    return made


def _restores_itself(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("serialized_rollback", False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (browser, concurrency) ends with the database flushed. Put the migrated
    rows back at once, so that whatever test a worker runs next finds the site it expects: with
    tests spread over workers, transactional tests no longer all come last. A next test with
    `serialized_rollback` puts them back itself."""
    result = yield
    made = item.config.stash.get(COPIES, None)
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in item.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if made and transactional and nextitem is not None and not _restores_itself(nextitem):
        with item.config.stash[DB_BLOCKER].unblock():
            made.restore_migrated()
    return result


@pytest.fixture
def crowd(tmp_path_factory):
    """For a test that sends a crowd of clients at once, each with its own database connection:
    one such test at a time across the test processes, or two crowds together would pass the
    database's connection limit (PostgreSQL's default is 100)."""
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every test process
    with open(shared / "crowd.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (pages, rate limits), as a fresh server would."""
    for each in caches.all():
        each.clear()


@pytest.fixture
def home(db):
    """The Arabic home page the migrations create: the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english_home(home):
    page = home.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    page.title = "Home"
    page.save_revision().publish()
    return page


@pytest.fixture
def demo(request, db):
    """The whole demo site, as `make run` loads it."""
    request.config.stash[COPIES].load_demo()
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def before_the_demo_workshop(monkeypatch):
    """A day when the demo, as its files write it, takes registrations for its workshop and
    applications to its incubator, whatever the day the tests run."""
    moment = datetime.datetime(2027, 1, 20, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.fixture(scope="session")
def on_the_demo(request, django_db_setup, django_db_blocker):
    """Read something once from the demo site, for a module-wide fixture: on_the_demo(read) →
    read(). The database is rolled back afterwards."""

    def run(read):
        with django_db_blocker.unblock(), transaction.atomic():
            request.config.stash[COPIES].load_demo()
            try:
                return read()
            finally:
                transaction.set_rollback(True)

    return run


@pytest.fixture
def settings_from(monkeypatch):
    """The shared settings (config/settings/base.py) as a server started with the given
    environment variables builds them: settings_from(S3_BUCKET="tamkeen").STORAGES."""
    import config.settings

    def build(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(config.settings, "base", config.settings.base)
        monkeypatch.delitem(sys.modules, "config.settings.base")
        return importlib.import_module("config.settings.base")

    return build


class BucketStandIn(Storage):
    """Files kept off this machine's disk, as in an S3 bucket: no local path, an address of
    their own."""

    def __init__(self):
        self.files = {}

    def _save(self, name, content):
        self.files[name] = b"".join(content.chunks())
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        self.files.pop(name, None)

    def size(self, name):
        return len(self.files[name])

    def url(self, name):
        return f"https://bucket.example/{name}?X-Amz-Signature=0"


@pytest.fixture
def bucket(monkeypatch):
    """Keep a model field's files in a stand-in bucket: bucket(SubmissionFile, "file")."""

    def use(model, field_name):
        storage = BucketStandIn()
        monkeypatch.setattr(model._meta.get_field(field_name), "storage", storage)
        return storage

    return use


@pytest.fixture
def development_urls(settings):
    """The addresses `make run` serves (DEBUG on), media folder included."""
    import config.urls

    debug, settings.DEBUG = settings.DEBUG, True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = debug
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """`manage.py db_worker --batch`: run every queued task, then stop. The worker takes the
    process's stop signals and sets its loggers' levels: both are given back afterwards."""
    stop_signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in stop_signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]

    def run():
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            interval=0,
            reload=False,
            verbosity=0,
            stdout=StringIO(),
        )

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def groups(home):
    """The staff groups with their permissions, as `setup_roles` leaves them."""
    return setup_roles()


@pytest.fixture
def staff(groups):
    """Log `client` in as a new account in the given groups: staff(client, roles.MODERATORS).

    The login is confirmed with a one-time code, as the admin asks of moderators.
    """

    def make(client, *groups):
        user = StaffUserFactory(groups=list(groups))
        sign_in_with_code(client, user)
        return user

    return make


def sign_in_with_code(client, user):
    """Log `client` in as `user`, the login confirmed with a one-time code."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
