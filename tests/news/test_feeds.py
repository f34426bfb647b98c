import datetime
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from news.models import NewsCategory
from tests.factories import NewsPageFactory
from tests.news.helpers import draft_news

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(news_index):
    training = NewsCategory.objects.create(
        name="التدريب", slug="training", locale_id=news_index.locale_id
    )
    NewsPageFactory(
        parent=news_index,
        title="ورشة الأمن الرقمي",
        slug="security",
        summary="ورشة للجمعيات الصغيرة.",
        date=datetime.date(2026, 2, 3),
        category=training,
    )
    NewsPageFactory(
        parent=news_index, title="إطلاق البرنامج", slug="launch", date=datetime.date(2025, 9, 14)
    )
    return news_index


def test_rss_is_valid_rss_2_with_items_newest_first_and_dates(client, news):
    response = client.get("/ar/news/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ar"
    assert channel.findtext("link") == "http://localhost/ar/news/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["ورشة الأمن الرقمي", "إطلاق البرنامج"]
    first = items[0]
    assert first.findtext("link") == "http://localhost/ar/news/security/"
    assert first.findtext("guid") == "http://localhost/ar/news/security/"
    assert first.findtext("description") == "ورشة للجمعيات الصغيرة."
    assert first.findtext("category") == "التدريب"
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert published.date() == datetime.date(2026, 2, 3)
    assert published.utcoffset() == datetime.timedelta(hours=3)  # Damascus


def test_atom_is_valid_with_entries_and_dates(client, news):
    response = client.get("/ar/news/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["ورشة الأمن الرقمي", "إطلاق البرنامج"]
    assert entries[0].findtext(f"{ATOM}id") == "http://localhost/ar/news/security/"
    assert entries[0].findtext(f"{ATOM}published").startswith("2026-02-03T00:00:00+03:00")
    assert feed.findtext(f"{ATOM}updated")


def test_a_feed_per_category(client, news):
    channel = ElementTree.fromstring(client.get("/ar/news/rss/?category=training").content)
    channel = channel.find("channel")
    assert channel.findtext("title").startswith("التدريب")
    assert [i.findtext("title") for i in channel.findall("item")] == ["ورشة الأمن الرقمي"]
    assert client.get("/ar/news/rss/?category=nothing&year=x&tag=%00").status_code == 200


def test_scheduled_and_draft_news_are_not_in_the_feeds(client, news, schedule):
    schedule(news, draft_news())
    NewsPageFactory(parent=news, title="مسودة", live=False)
    for url in ("/ar/news/rss/", "/ar/news/atom/"):
        body = client.get(url).content.decode()
        assert "إعلان مجدول للغد" not in body and "مسودة" not in body


def test_pages_link_to_their_feeds_for_feed_readers(client, news):
    for url in ("/ar/news/", "/ar/news/security/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        links = {
            link["type"]: link["href"] for link in page.select("head link[rel=alternate][type]")
        }
        assert links["application/rss+xml"] == "/ar/news/rss/"
        assert links["application/atom+xml"] == "/ar/news/atom/"
    page = BeautifulSoup(client.get("/ar/news/?category=training").content, "html.parser")
    link = page.select_one("head link[type='application/rss+xml']")
    assert link["href"] == "/ar/news/rss/?category=training"


@pytest.mark.parametrize("url", ["/ar/news/rss/", "/ar/news/atom/"])
def test_feed_query_count_stays_flat_as_news_grow(
    client, news, url, django_assert_max_num_queries, django_assert_num_queries
):
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    count = len(few)
    for _ in range(10):
        NewsPageFactory(parent=news, category=NewsCategory.objects.get(slug="training"))
    client.get(url)
    with django_assert_num_queries(count):
        client.get(url)
