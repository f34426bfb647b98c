"""New events by email: a visitor asks on the events listing (or chooses it on the alerts page),
confirms, and each morning after workshops or trainings are published gets one email with
each new event, when and where it happens, in the visitor's language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from alerts.models import Alert
from tests.alerts.conftest import link
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(home):
    return EventIndexPageFactory(parent=home, slug="events")


def follow(client, sent, email="visitor@example.org"):
    [confirmation] = sent(
        client.post, "/ar/alerts/", {"email": email, "kind": "events", "target": "all"}
    )
    client.get(link(confirmation, "confirm"))
    return Alert.objects.get(subscriber__email=email)


def test_the_events_listing_offers_the_alert(client, events):
    page = BeautifulSoup(client.get("/ar/events/").content, "html.parser")
    form = page.select_one("[data-testid=alert-form]")
    assert "أعلمني بالفعاليات الجديدة" in form.get_text()
    assert form.select_one("input[name=kind]")["value"] == "events"
    past = client.get("/ar/events/past/").content.decode()
    assert 'data-testid="alert-form"' not in past


def test_the_next_morning_one_email_lists_the_new_events_when_and_where(
    client, events, clock, sent
):
    alert = follow(client, sent)
    assert alert.subject == "كل فعالية جديدة: ورشات العمل والتدريبات والإطلاقات"
    clock.move(hours=2)
    starts = clock.moment + datetime.timedelta(days=20)
    published = {"first_published_at": clock.moment, "ends": starts + datetime.timedelta(hours=3)}
    EventPageFactory(parent=events, title="تدريب على إدارة المتطوعين", starts=starts, **published)
    EventPageFactory(
        parent=events,
        title="فعالية انتهت",
        starts=clock.moment - datetime.timedelta(days=3),
        first_published_at=clock.moment,
        ends=clock.moment - datetime.timedelta(days=2),
    )
    assert sent(call_command, "send_alerts", verbosity=0) == []  # today's events: tomorrow
    clock.move(days=1)
    [email] = sent(call_command, "send_alerts", verbosity=0)
    assert email.subject == "فعاليات جديدة في «تمكين»"
    assert "تدريب على إدارة المتطوعين" in email.body and "فعالية انتهت" not in email.body
    assert "13 ديسمبر 2026 · 14:00 (بتوقيت دمشق)" in email.body
    assert "مركز التنمية الاجتماعية" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent(call_command, "send_alerts", verbosity=0) == []


def test_no_email_on_a_day_without_events_nor_for_events_before_the_confirmation(
    client, events, clock, sent
):
    EventPageFactory(
        parent=events,
        starts=clock.moment + datetime.timedelta(days=5),
        ends=clock.moment + datetime.timedelta(days=5, hours=2),
        first_published_at=clock.moment - datetime.timedelta(minutes=5),
    )
    follow(client, sent)
    clock.move(days=1)
    assert sent(call_command, "send_alerts", verbosity=0) == []


def test_the_alert_is_no_longer_offered_without_an_events_listing(client, events):
    events.unpublish()
    response = client.post(
        "/ar/alerts/", {"email": "visitor@example.org", "kind": "events", "target": "all"}
    )
    assert response.status_code == 400 and not Alert.objects.exists()
