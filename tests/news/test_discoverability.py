import datetime
import json

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone

from tests.factories import EventPageFactory, NewsPageFactory, StandardPageFactory
from tests.news.helpers import draft_news

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_language_with_hreflang_alternates(client, home, english_home):
    about = StandardPageFactory(parent=home, slug="about", title="عن البرنامج")
    english_about = about.copy_for_translation(english_home.locale)
    english_about.save_revision().publish()
    StandardPageFactory(parent=home, slug="arabic-only")
    entries = sitemap(client)
    assert entries["http://localhost/ar/about/"] == {
        "ar": "http://localhost/ar/about/",
        "en": "http://localhost/en/about/",
        "x-default": "http://localhost/ar/about/",
    }
    assert entries["http://localhost/en/about/"] == entries["http://localhost/ar/about/"]
    assert entries["http://localhost/ar/arabic-only/"] == {}
    assert "http://localhost/ar/" in entries and "http://localhost/en/" in entries


def test_sitemap_leaves_out_drafts_scheduled_expired_and_private_pages(
    client, news_index, schedule
):
    NewsPageFactory(parent=news_index, slug="public")
    NewsPageFactory(parent=news_index, slug="draft", live=False)
    NewsPageFactory(
        parent=news_index, slug="expired", expire_at=timezone.now() - datetime.timedelta(1)
    )
    private = NewsPageFactory(parent=news_index, slug="private")
    private.view_restrictions.create(restriction_type="login")
    schedule(news_index, draft_news())
    urls = set(sitemap(client))
    assert "http://localhost/ar/news/public/" in urls
    for slug in ("draft", "expired", "private", "tomorrow"):
        assert f"http://localhost/ar/news/{slug}/" not in urls


def test_sitemap_query_count_stays_flat(
    client, news_index, django_assert_max_num_queries, django_assert_num_queries
):
    NewsPageFactory(parent=news_index)
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(30) as few:
        client.get("/sitemap.xml")
    count = len(few)
    for _ in range(10):
        NewsPageFactory(parent=news_index)
    client.get("/sitemap.xml")
    with django_assert_num_queries(count):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def json_ld(page):
    return json.loads(page.select_one("script[type='application/ld+json']").string)


def test_news_page_has_news_article_json_ld_and_social_meta(client, news_index):
    NewsPageFactory(
        parent=news_index,
        slug="launch",
        title="إطلاق البرنامج </script><b>",
        summary="ملخص",
        date=datetime.date(2025, 9, 14),
    )
    response = client.get("/ar/news/launch/")
    assert "</script><b>" not in response.content.decode().split("ld+json")[1].split("</script>")[0]
    page = BeautifulSoup(response.content, "html.parser")
    data = json_ld(page)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "إطلاق البرنامج </script><b>"
    assert data["datePublished"] == "2025-09-14"
    assert data["inLanguage"] == "ar"
    assert data["url"] == "http://localhost/ar/news/launch/"
    assert page.select_one("link[rel=canonical]")["href"] == "http://localhost/ar/news/launch/"
    assert page.select_one("meta[property='og:title']")["content"] == "إطلاق البرنامج </script><b>"
    assert page.select_one("meta[property='og:type']")["content"] == "article"
    assert page.select_one("meta[property='article:published_time']")["content"] == "2025-09-14"
    assert len(page.select("meta[property='og:type']")) == 1
    assert len(page.select("link[rel=canonical]")) == 1
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary"
    assert page.select_one("meta[name=description]")["content"] == "ملخص"


def test_a_news_picture_is_shared_large_with_its_description(client, news_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="ورشة", file=get_test_image_file())
    NewsPageFactory(parent=news_index, slug="workshop", image=image, image_alt="متدربات في ورشة")
    page = BeautifulSoup(client.get("/ar/news/workshop/").content, "html.parser")
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
    assert page.select_one("meta[property='og:image']")["content"].startswith(
        "http://testserver/media/images/"
    )
    assert page.select_one("meta[property='og:image:alt']")["content"] == "متدربات في ورشة"
    assert page.select_one("article img")["alt"] == "متدربات في ورشة"


def test_event_page_has_event_json_ld(client, event_index):
    starts = datetime.datetime(2030, 2, 10, 7, 0, tzinfo=datetime.UTC)
    EventPageFactory(
        parent=event_index,
        slug="hackathon",
        starts=starts,
        ends=starts + datetime.timedelta(hours=8),
        capacity=120,
        online_url="https://meet.example/h",
        attendance="hybrid",
    )
    data = json_ld(BeautifulSoup(client.get("/ar/events/hackathon/").content, "html.parser"))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-02-10T10:00:00+03:00"
    assert data["endDate"] == "2030-02-10T18:00:00+03:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["maximumAttendeeCapacity"] == 120
