"""An event is written where it happens: a workshop in Casablanca at 23:30 was shown on the
Damascus site at 01:30 the next day, labelled with Casablanca's offset, on its page, in the
listings, in search and in the registration email."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from tests.applications.conftest import answers, token_of
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

# 23:30 in Casablanca (UTC+1 that day), 01:30 the next day in Damascus (UTC+3).
STARTS = datetime.datetime(2030, 2, 10, 22, 30, tzinfo=datetime.UTC)


@pytest.fixture
def casablanca(home, settings, form_page):
    settings.TIME_ZONE = "Asia/Damascus"
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home, slug="events"),
        title="لقاء الجمعيات في الدار البيضاء",
        slug="casablanca",
        starts=STARTS,
        ends=STARTS + datetime.timedelta(hours=1),
        time_zone="Africa/Casablanca",
        registration_page=form_page,
    )


def text(client, url, selector):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.select_one(selector).get_text(" ", strip=True)


def test_the_event_page_and_the_listing_write_its_own_day_hour_and_zone(client, casablanca):
    for url, selector in [
        ("/ar/events/casablanca/", ".event-facts"),
        ("/ar/events/", ".event-item"),
    ]:
        facts = text(client, url, selector)
        assert "الأحد 10 فبراير 2030 · 23:30 – الأحد 11 فبراير 2030 · 00:30" not in facts
        assert "الأحد 10 فبراير 2030 · 23:30 – الاثنين 11 فبراير 2030 · 00:30" in facts, facts
        assert "(بتوقيت الدار البيضاء)" in facts


def test_search_dates_the_event_by_its_own_day(client, casablanca):
    assert "10 فبراير 2030" in text(client, "/ar/search/?q=الدار+البيضاء", ".search-result__type")


def test_the_registration_email_writes_its_own_hour_and_zone(client, casablanca, form_page):
    token = token_of(client.get(form_page.url))
    client.post(form_page.url, {"form_token": token, **answers(email="p@example.org")})
    [message] = [m for m in mail.outbox if m.to == ["p@example.org"]]
    assert "10 فبراير 2030 · 23:30 (بتوقيت الدار البيضاء)" in message.body


def test_the_registration_deadline_is_written_where_the_event_happens(
    client, casablanca, form_page
):
    casablanca.registration_deadline = datetime.datetime(2030, 2, 10, 10, 59, tzinfo=datetime.UTC)
    casablanca.save_revision().publish()
    seats = text(client, form_page.url, "[data-testid=seats]")
    assert "يُغلق التسجيل في 10 فبراير 2030 · 11:59 (بتوقيت الدار البيضاء)." in seats
