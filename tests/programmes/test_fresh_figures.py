"""The home page's list of open programmes, a cached fragment on a cached page, is right again
as soon as anything changes it: the admin, import_content, scheduled publishing, and the
passing of a programme's opening or closing day."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.models import ProgrammePage
from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory, StaffUserFactory
from tests.importing import import_file

pytestmark = pytest.mark.django_db

# Noon in Damascus on the site's day.
NOON = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def clock(monkeypatch):
    """The site's clock, moved by the test: clock.now = ..."""

    class Clock:
        now = NOON

    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    return Clock


@pytest.fixture
def index(home, settings, clock):
    settings.PAGE_CACHE_SECONDS = 300
    home.body = [("section_teaser", {"source": "programmes", "count": 6})]
    home.save_revision().publish()
    return ProgrammeIndexPageFactory(parent=home)


def open_on_home(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    return response


def open_titles(client):
    """The titles under "Programmes open for applications" (upcoming ones are under "Coming
    soon")."""
    page = BeautifulSoup(open_on_home(client).content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".open-programmes .card__title a")]


def test_the_admin_unpublishing_a_programme_takes_it_off_the_home_page(client, index):
    programme = ProgrammePageFactory(parent=index, title="مسار الاحتضان", opens=TODAY)
    assert "مسار الاحتضان" in open_on_home(client).content.decode()
    editor = Client()
    editor.force_login(StaffUserFactory(is_superuser=True))
    editor.post(reverse("wagtailadmin_pages:unpublish", args=[programme.pk]))
    assert not ProgrammePage.objects.get(pk=programme.pk).live
    assert "مسار الاحتضان" not in open_on_home(client).content.decode()


def test_an_imported_programme_shows_on_the_home_page(client, index, tmp_path):
    assert "مسار الاحتضان" not in open_on_home(client).content.decode()
    item = {
        "type": "programme",
        "locale": "ar",
        "slug": "incubator",
        "title": "مسار الاحتضان",
        "track": "الاحتضان",
        "opens": "2026-01-01",
        "closes": "2026-12-31",
        "joining_steps": [{"title": "قدّم الطلب", "text": "املأ الاستمارة."}],
        "apply_url": "https://apply.example.org/incubator",
        "apply_label": "قدّم طلبك",
    }
    import_file(tmp_path, [item])
    assert "مسار الاحتضان" in open_on_home(client).content.decode()


def test_a_page_rendered_while_an_import_runs_is_not_kept_after_it(
    client, index, django_capture_on_commit_callbacks
):
    open_on_home(client)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ProgrammePageFactory(parent=index, title="مسار الاحتضان", opens=TODAY)
        # Another visitor's request, served before the import commits, is cached.
        assert open_on_home(client)["X-Page-Cache"] == "miss"
    assert open_on_home(client)["X-Page-Cache"] == "miss"


def test_scheduled_publishing_adds_and_removes_programmes(client, index, clock):
    coming = ProgrammePageFactory(parent=index, title="مسار التمكين", live=False)
    coming.go_live_at = NOON + datetime.timedelta(hours=1)
    coming.save_revision().publish()
    leaving = ProgrammePageFactory(parent=index, title="مسار الاستقطاب")
    leaving.expire_at = NOON + datetime.timedelta(hours=1)
    leaving.save_revision().publish()
    content = open_on_home(client).content.decode()
    assert "مسار التمكين" not in content and "مسار الاستقطاب" in content

    clock.now = NOON + datetime.timedelta(hours=2)
    call_command("publish_scheduled", stdout=StringIO())
    content = open_on_home(client).content.decode()
    assert "مسار التمكين" in content and "مسار الاستقطاب" not in content


@pytest.mark.parametrize("page_cache", [300, 0], ids=["page cached", "fragments only"])
def test_the_opening_and_closing_days_change_the_home_page_after_midnight(
    client, index, clock, settings, page_cache
):
    settings.PAGE_CACHE_SECONDS = page_cache
    ProgrammePageFactory(parent=index, title="مسار التمكين", opens=TODAY + datetime.timedelta(1))
    ProgrammePageFactory(parent=index, title="مسار الاستقطاب", opens=TODAY, closes=TODAY)
    assert open_titles(client) == ["مسار الاستقطاب"]

    clock.now = NOON + datetime.timedelta(hours=14)  # two in the morning in Damascus
    assert open_titles(client) == ["مسار التمكين"]
