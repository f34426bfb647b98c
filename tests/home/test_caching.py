"""Anonymous visitors get cached pages that are never stale after a change; everyone else, and every
page with a form, is rendered afresh."""

import datetime
import gzip
import zoneinfo

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home import caching
from home.caching import seconds_until_midnight
from home.models import FooterText
from tests.factories import (
    ApplicationFormPageFactory,
    FormIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StaffUserFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, home):
    settings.PAGE_CACHE_SECONDS = 300


def fetch(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_a_repeat_visit_is_served_from_the_cache_without_the_database(client, home):
    page = StandardPageFactory(parent=home, title="عن البرنامج")
    first, _ = fetch(client, page.url)
    second, queries = fetch(client, page.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "عن البرنامج" in second.content.decode()


def test_publishing_a_change_shows_at_once(client, home):
    page = StandardPageFactory(parent=home, title="العنوان القديم")
    client.get(page.url)
    page.title = "العنوان الجديد"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "العنوان الجديد" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, home):
    page = StandardPageFactory(parent=home, title="صفحة")
    url = page.url
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404


def test_a_new_page_appears_in_the_cached_menu_and_listing(client, home):
    index = ProgrammeIndexPageFactory(parent=home, show_in_menus=True)
    client.get(index.url)
    ProgrammePageFactory(parent=index, title="مسار جديد")
    content = client.get(index.url).content.decode()
    assert "مسار جديد" in content


def test_an_edited_snippet_shows_on_cached_pages(client, home):
    footer = FooterText.objects.create(body="<p>النص الأول</p>", locale=home.locale)
    client.get(home.url)
    footer.body = "<p>النص الثاني</p>"
    footer.save()
    assert "النص الثاني" in client.get(home.url).content.decode()


def test_pages_with_a_form_are_never_cached(client, home):
    form = ApplicationFormPageFactory(parent=FormIndexPageFactory(parent=home))
    first = client.get(form.url)
    second = client.get(form.url)
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    # Each visitor gets their own one-time token.
    marker = 'name="form_token" value="'
    tokens = {r.content.decode().split(marker)[1].split('"')[0] for r in (first, second)}
    assert len(tokens) == 2


def test_signed_in_editors_always_get_a_fresh_page(client, home):
    page = StandardPageFactory(parent=home)
    client.get(page.url)
    client.force_login(StaffUserFactory(is_superuser=True))
    response = client.get(page.url)
    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()


def test_search_results_are_not_cached(client, home):
    client.get("/ar/search/?q=برنامج")
    assert "X-Page-Cache" not in client.get("/ar/search/?q=برنامج")


def test_a_repeat_visit_with_the_etag_gets_not_modified(client, home):
    page = StandardPageFactory(parent=home)
    etag = client.get(page.url)["ETag"]
    assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_pages_are_compressed_for_browsers_that_accept_it(client, home):
    page = StandardPageFactory(parent=home, title="صفحة مضغوطة")
    response = client.get(page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "صفحة مضغوطة" in gzip.decompress(response.content).decode()


def test_a_cached_page_lasts_no_later_than_midnight(settings):
    # Programmes open and close, and events pass, at midnight of the site's time zone.
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    late = datetime.datetime(2026, 10, 31, 23, 58, 30, tzinfo=zone)
    assert seconds_until_midnight(late) == 90
    morning = datetime.datetime(2026, 11, 1, 6, 0, tzinfo=zone)
    assert seconds_until_midnight(morning) == 18 * 3600


def test_home_teasers_are_rendered_once_and_show_new_news_at_once(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0  # whole pages rendered each time: only the fragments kept
    home.body = [("section_teaser", {"source": "news", "count": 3})]
    home.save_revision().publish()
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="افتتاح الحاضنة", date=datetime.date(2026, 1, 5))
    client.get("/ar/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/ar/")
    assert "افتتاح الحاضنة" in second.content.decode()
    assert not [query for query in queries if "news_newspage" in query["sql"]]
    NewsPageFactory(parent=news, title="ورشة الأمن الرقمي", date=datetime.date(2026, 1, 6))
    assert "ورشة الأمن الرقمي" in client.get("/ar/").content.decode()


@pytest.fixture
def reads(monkeypatch):
    """The keys read from the shared cache, in order."""
    keys = []
    real_get = caching.cache.get

    def counting_get(key, *args, **kwargs):
        keys.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "get", counting_get)
    return keys


def test_a_page_reads_the_content_version_once_and_a_change_in_it_reads_the_new_one(
    client, home, settings, reads
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, from its remembered fragments
    client.get("/ar/")
    reads.clear()
    client.get("/ar/")
    assert reads.count(caching.VERSION_KEY) == 1
    assert len([key for key in reads if key.startswith("fragment:")]) > 3

    # A request that changes the content renders the rest of itself from the new version.
    seen = []

    def publishing_view(request):
        seen.append(caching.content_version())
        caching.bump_version()
        seen.append(caching.content_version())
        return HttpResponse()

    caching.AnonymousPageCacheMiddleware(publishing_view)(RequestFactory().post("/"))
    assert seen[0] != seen[1]


def test_the_parts_around_a_page_are_rendered_once_but_never_from_a_preview(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0  # whole pages rendered each time: only the fragments kept
    page = StandardPageFactory(parent=home, title="عن البرنامج", slug="about-us")
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(page.url).content.decode()
    assert not queries.captured_queries
    assert 'property="og:title" content="عن البرنامج"' in again

    draft = type(page).objects.get(pk=page.pk)
    draft.title = "عنوان في المسودة"
    preview = draft.make_preview_request().content.decode()
    assert 'property="og:title" content="عنوان في المسودة"' in preview
    shown = client.get(page.url).content.decode()
    assert "عنوان في المسودة" not in shown
    assert shown == again  # the same page, word for word

    draft.save_revision().publish()
    assert 'property="og:title" content="عنوان في المسودة"' in client.get(page.url).content.decode()


def test_renderings_are_kept_in_each_process_and_an_edit_still_shows_at_once(
    client, home, settings, reads
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, from its remembered fragments
    footer = FooterText.objects.create(body="<p>النص الأول</p>", locale=home.locale)
    client.get("/ar/")
    reads.clear()
    assert "النص الأول" in client.get("/ar/").content.decode()
    # The menu, footer and header come from the process; only objects from the shared cache.
    assert reads
    assert not [key for key in list(reads) if isinstance(caching.cache.get(key), str)]

    footer.body = "<p>النص الثاني</p>"
    footer.save()
    shown = client.get("/ar/").content.decode()
    assert "النص الثاني" in shown
    assert "النص الأول" not in shown


def test_what_a_reader_could_change_in_place_is_never_shared_within_the_process():
    first = caching.remember("regions-test", lambda: ["دمشق"])
    first.append("حلب")  # a caller changing what it was given
    assert caching.remember("regions-test", lambda: []) == ["دمشق"]


def test_the_process_keeps_the_newest_renderings_for_a_minute_at_most(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: now[0])
    memory = caching.ProcessMemory(characters=10, seconds=60)
    memory.put("a", "أربعة", 300)
    memory.put("b", "ب", 300)
    memory.put("b", "باء", 300)  # put again: counted once
    memory.put("c", "جيم", 300)
    assert memory.get("a") is None  # the oldest made room
    assert (memory.get("b"), memory.get("c")) == ("باء", "جيم")
    memory.put("d", "د", 10)  # the shared cache keeps it less than a minute: so does the process
    now[0] += 30
    assert memory.get("c") == "جيم"
    assert memory.get("d") is None
    now[0] += 31
    assert memory.get("c") is None
