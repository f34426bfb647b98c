import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from news.models import NewsSettings
from tests.factories import EventPageFactory, NewsPageFactory
from tests.news.helpers import render

pytestmark = pytest.mark.django_db


def test_latest_news_for_the_home_page(news_index):
    for day in range(1, 6):
        NewsPageFactory(parent=news_index, title=f"خبر {day}", date=datetime.date(2026, 1, day))
    NewsPageFactory(parent=news_index, title="مسودة", live=False, date=datetime.date(2026, 2, 1))
    page = render("{% latest_news 3 %}")
    titles = [a.get_text(strip=True) for a in page.select(".news-item__title a")]
    assert titles == ["خبر 5", "خبر 4", "خبر 3"]
    assert page.select_one("h2").get_text(strip=True) == "آخر الأخبار"
    assert page.select("a")[-1]["href"] == "/ar/news/"


def test_upcoming_events_for_the_home_page(event_index):
    now = timezone.now()
    EventPageFactory(parent=event_index, title="قادمة", starts=now + datetime.timedelta(days=2))
    EventPageFactory(parent=event_index, title="منتهية", starts=now - datetime.timedelta(days=2))
    page = render("{% upcoming_events 3 %}")
    assert [a.get_text(strip=True) for a in page.select(".event-item__title a")] == ["قادمة"]


def test_nothing_is_shown_without_news_or_events(home):
    assert render("{% latest_news 3 %}{% upcoming_events 3 %}").get_text(strip=True) == ""


def test_hijri_date_is_shown_beside_the_gregorian_one_when_switched_on(client, news_index):
    NewsPageFactory(parent=news_index, slug="ramadan", date=datetime.date(2025, 3, 1))
    page = BeautifulSoup(client.get("/ar/news/ramadan/").content, "html.parser")
    assert page.select_one(".hijri") is None
    NewsSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"show_hijri_dates": True}
    )
    page = BeautifulSoup(client.get("/ar/news/ramadan/").content, "html.parser")
    assert page.select_one(".news-item__meta time").get_text() == "1 مارس 2025"
    assert page.select_one(".hijri").get_text() == "(1 رمضان 1446 هـ)"


def test_demo_has_a_dozen_arabic_news_and_upcoming_and_past_events(client, demo):
    from news.models import EventPage, NewsPage

    assert NewsPage.objects.filter(locale__language_code="ar").count() >= 12
    assert NewsPage.objects.filter(locale__language_code="en").exists()
    events = EventPage.objects.filter(locale__language_code="ar")
    # Against the day the demo was written, so the test keeps its meaning as time passes.
    written = datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC)
    assert events.filter(ends__lt=written).exists()
    assert events.filter(ends__gte=written).count() >= 3
    assert client.get("/en/news/").status_code == 200
    assert client.get("/en/events/").status_code == 200
