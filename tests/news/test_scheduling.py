"""An editor schedules an announcement and an event for tomorrow: until then they appear nowhere."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import EventPage
from tests.news.helpers import come, draft_news, render

pytestmark = pytest.mark.django_db

TITLE = "إعلان مجدول للغد"
EVENT = "ورشة مجدولة للغد"


def everywhere(client):
    """Whether the items show in what a visitor can reach: lists, feeds, calendar, sitemap, home
    page blocks; and the status of their own pages."""
    bodies = [
        client.get(url).content.decode()
        for url in (
            "/ar/news/",
            "/ar/news/rss/",
            "/ar/news/atom/",
            "/ar/events/",
            "/ar/events/ics/",
            "/sitemap.xml",
        )
    ]
    bodies.append(str(render("{% latest_news 5 %}{% upcoming_events 5 %}")))
    text = "\n".join(bodies)
    return {
        "announcement": TITLE in text or "/ar/news/tomorrow/" in text,
        "event": EVENT in text or "/ar/events/tomorrow/" in text,
        "pages": [
            client.get("/ar/news/tomorrow/").status_code,
            client.get("/ar/events/tomorrow/").status_code,
            client.get("/ar/events/tomorrow/ics/").status_code,
        ],
    }


def test_scheduled_items_appear_nowhere_until_their_time_then_everywhere(
    client, news_index, event_index, schedule
):
    soon = timezone.now() + datetime.timedelta(days=3)
    announcement = schedule(news_index, draft_news())
    event = schedule(
        event_index,
        EventPage(
            title=EVENT,
            slug="tomorrow",
            place="حلب",
            starts=soon,
            ends=soon + datetime.timedelta(hours=2),
        ),
    )
    assert everywhere(client) == {"announcement": False, "event": False, "pages": [404, 404, 404]}

    come(announcement)
    come(event)
    call_command("publish_scheduled")
    assert everywhere(client) == {"announcement": True, "event": True, "pages": [200, 200, 200]}
