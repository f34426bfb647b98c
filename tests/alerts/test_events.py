"""New events by email: a visitor asks on the events listing (or chooses it on the alerts page),
confirms, and each morning after workshops or trainings are published gets one email with
each new event, when and where it happens, in the visitor's language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from alerts import links
from alerts.models import Alert
from news.models import EventPage
from tests.alerts.conftest import link
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(home):
    return EventIndexPageFactory(parent=home, slug="events")


def follow(client, sent, email="visitor@example.org", target="all"):
    [confirmation] = sent(
        client.post, "/ar/alerts/", {"email": email, "kind": "events", "target": target}
    )
    client.get(link(confirmation, "confirm"))
    return Alert.objects.get(subscriber__email=email, event_kind=target.replace("all", ""))


def publish(events, clock, title, kind):
    starts = clock.moment + datetime.timedelta(days=20)
    return EventPageFactory(
        parent=events,
        title=title,
        kind=kind,
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
        first_published_at=clock.moment,
    )


def test_the_events_listing_offers_the_alert(client, events):
    page = BeautifulSoup(client.get("/ar/events/").content, "html.parser")
    form = page.select_one("[data-testid=alert-form]")
    assert "أعلمني بالفعاليات الجديدة" in form.get_text()
    assert form.select_one("input[name=kind]")["value"] == "events"
    # Every event is chosen until the visitor narrows it to one kind.
    which = form.select_one("select[name=target]")
    assert form.select_one(f"label[for={which['id']}]").get_text() == "أي الفعاليات؟"
    assert [(o["value"], o.get_text()) for o in which.select("option")] == [
        ("all", "كل فعالية جديدة"),
        ("launch", "فعاليات الإطلاق الجديدة"),
        ("workshop", "ورشات العمل الجديدة"),
        ("training", "الدورات التدريبية الجديدة"),
        ("hackathon", "الهاكاثونات الجديدة"),
        ("meeting", "اللقاءات الجديدة"),
    ]
    assert which.select_one("option[selected]")["value"] == "all"
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


def test_an_alert_about_trainings_tells_of_new_trainings_and_of_nothing_else(
    client, events, clock, sent
):
    alert = follow(client, sent, target="training")
    assert alert.subject == "الدورات التدريبية الجديدة"
    clock.move(hours=2)
    publish(events, clock, "ورشة الأمن الرقمي", "workshop")
    clock.move(days=1)
    assert sent(call_command, "send_alerts", verbosity=0) == []  # a workshop: not asked for
    publish(events, clock, "دورة في إدارة المتطوعين", "training")
    publish(events, clock, "إطلاق المنصة", "launch")
    clock.move(days=1)
    [email] = sent(call_command, "send_alerts", verbosity=0)
    assert "دورة في إدارة المتطوعين" in email.body
    assert "إطلاق المنصة" not in email.body and "ورشة الأمن الرقمي" not in email.body


def test_an_address_following_several_kinds_gets_one_email_a_day_with_each_event_once(
    client, events, clock, sent
):
    follow(client, sent, target="training")
    # Two more kinds, asked for and confirmed as the first was.
    client.post(
        "/ar/alerts/", {"email": "visitor@example.org", "kind": "events", "target": "workshop"}
    )
    client.post("/ar/alerts/", {"email": "visitor@example.org", "kind": "events", "target": "all"})
    Alert.objects.update(confirmed_at=clock.moment)
    assert Alert.objects.count() == 3
    clock.move(hours=2)
    publish(events, clock, "دورة في إدارة المتطوعين", "training")
    publish(events, clock, "ورشة الأمن الرقمي", "workshop")
    publish(events, clock, "لقاء الجمعيات", "meeting")
    clock.move(days=1)
    [email] = sent(call_command, "send_alerts", verbosity=0)
    for title in ("دورة في إدارة المتطوعين", "ورشة الأمن الرقمي", "لقاء الجمعيات"):
        assert email.body.count(title) == 1
    assert sent(call_command, "send_alerts", verbosity=0) == []


def test_an_unknown_kind_of_event_is_refused_and_nothing_is_stored(client, events):
    response = client.post(
        "/ar/alerts/", {"email": "visitor@example.org", "kind": "events", "target": "concert"}
    )
    assert response.status_code == 400 and not Alert.objects.exists()
    assert "visitor@example.org" in response.content.decode()  # what was typed is kept


def test_an_event_page_offers_new_events_of_its_kind(client, events, clock):
    training = publish(events, clock, "دورة في إدارة المتطوعين", "training")
    page = BeautifulSoup(client.get(training.url).content, "html.parser")
    form = page.select_one("[data-testid=alert-form]")
    assert "أعلمني بالفعاليات الجديدة من هذا النوع" in form.get_text()
    chosen = form.select_one("select[name=target] option[selected]")
    assert (chosen["value"], chosen.get_text()) == ("training", "الدورات التدريبية الجديدة")
    # Also once it is over: whoever missed it hears of the next.
    clock.move(days=30)
    past = BeautifulSoup(client.get(training.url).content, "html.parser")
    assert not past.select("a[download]")  # no "add to calendar": it is over
    assert past.select_one("[data-testid=alert-form] option[selected]")["value"] == "training"


def test_the_email_stops_an_alert_that_brought_it_not_another_of_the_address(
    client, events, clock, sent
):
    trainings = follow(client, sent, target="training")
    client.post("/ar/alerts/", {"email": "visitor@example.org", "kind": "events", "target": "all"})
    Alert.objects.update(confirmed_at=clock.moment)
    every = Alert.objects.get(event_kind="")
    clock.move(hours=2)
    publish(events, clock, "ورشة الأمن الرقمي", "workshop")  # no training: not the first's
    clock.move(days=1)
    [email] = sent(call_command, "send_alerts", verbosity=0)
    stop = email.extra_headers["List-Unsubscribe"]
    assert stop == f"<{links.unsubscribe_url(every, 'ar')}>"
    assert stop != f"<{links.unsubscribe_url(trainings, 'ar')}>"


def test_every_kind_of_event_an_editor_can_choose_can_be_followed(client, events):
    """A kind added to events is offered to follow from its pages, in the visitor's language,
    not left out of the alerts."""
    listing = BeautifulSoup(client.get(events.url).content, "html.parser")
    offered = {
        option["value"]: option.get_text()
        for option in listing.select("[data-testid=alert-form] select[name=target] option")
    }
    assert set(offered) == {"all", *EventPage.Kind.values}
    assert all(name and not name.isascii() for name in offered.values())
