"""Registering for an event through its form: a place or the waiting list, the confirmation with
its calendar file and cancellation link, a cancelled place offered to the first person waiting,
the reminder the day before, and what the event page says."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from applications.models import Registration, Status, Submission
from applications.registrations import cancel_token, read_cancel_token
from tests.applications.conftest import answers, token_of
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home, form_page, today):
    starts = timezone.now() + datetime.timedelta(days=10)
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="ورشة الأمن الرقمي",
        slug="security-workshop",
        registration_page=form_page,
        capacity=2,
        starts=starts,
        ends=starts + datetime.timedelta(hours=4),
    )


def register(client, form_page, n):
    token = token_of(client.get(form_page.url))
    return client.post(
        form_page.url,
        {"form_token": token, **answers(full_name=f"مشارك {n}", email=f"p{n}@example.org")},
    )


def registration_of(n):
    return Registration.objects.get(submission__email=f"p{n}@example.org")


def mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def cancel_link(message):
    """The link without its host: the test client has none."""
    parts = urlsplit(re.search(r"https?://\S+/registration/\?token=\S+", message.body).group(0))
    return f"{parts.path}?{parts.query}"


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_a_registration_gets_a_place_a_reference_and_one_email_with_the_calendar(
    client, form_page, event
):
    response = register(client, form_page, 1)
    assert response.status_code == 200
    page = text(response)
    assert "تم تأكيد مقعدك" in page
    assert re.search(r"TMK-\d{4}-\d{6}", page)
    registration = registration_of(1)
    assert registration.state == Registration.State.CONFIRMED
    [message] = mails_to("p1@example.org")
    assert registration.submission.reference in message.subject
    assert "ورشة الأمن الرقمي" in message.subject
    [(filename, ics, mimetype)] = message.attachments
    assert filename == "security-workshop.ics"
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics and "SUMMARY:ورشة الأمن الرقمي" in ics
    assert cancel_link(message)
    # The landing page has the same link.
    soup = BeautifulSoup(response.content, "html.parser")
    shown = soup.select_one("[data-testid=cancel-link]")["href"]
    emailed = cancel_link(message)
    assert shown.split("?")[0] == emailed.split("?")[0]
    # Signed a moment apart, both open this registration.
    for link in (shown, emailed):
        token = parse_qs(urlsplit(link).query)["token"][0]
        assert read_cancel_token(token) == registration


def test_places_are_never_oversold_the_next_ones_wait_in_order(client, form_page, event):
    for n in range(1, 5):
        register(client, form_page, n)
    states = [registration_of(n).state for n in range(1, 5)]
    assert states == ["confirmed", "confirmed", "waiting", "waiting"]
    [message] = mails_to("p4@example.org")
    assert "قائمة الانتظار" in message.subject
    assert message.attachments == []
    assert "2" in message.body  # second in the queue


def test_those_waiting_are_promised_no_place(client, form_page, event):
    """Those on the waiting list were thanked with the editors' words for a place (the calendar
    file, the reminder), asked to "book my place" once every place was taken, and told to cancel
    "so that someone else can take your place"."""
    assert "شكرًا لكم" in text(register(client, form_page, 1))
    register(client, form_page, 2)
    confirmed = mails_to("p1@example.org")[0]
    assert "شارع بغداد، دمشق" in confirmed.body  # an Arabic comma before the region
    assert "ليأخذ غيرك مقعدك" in confirmed.body

    blank = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    assert blank.select_one("form[method=post] button[type=submit]").get_text(strip=True) == (
        "انضمّ إلى قائمة الانتظار"
    )
    waiting = text(register(client, form_page, 3))
    assert "أنت في قائمة الانتظار" in waiting and "شكرًا لكم" not in waiting
    assert "اخرج من قائمة الانتظار" in waiting
    [message] = mails_to("p3@example.org")
    assert "اخرج من قائمة الانتظار" in message.body and "مقعدك" not in message.body
    html = message.alternatives[0][0]
    assert "الخروج من قائمة الانتظار" in html and "مقعدك" not in html


def test_cancelling_gives_the_place_to_the_first_person_waiting_who_is_emailed(
    client, form_page, event
):
    for n in range(1, 5):
        register(client, form_page, n)
    link = cancel_link(mails_to("p1@example.org")[0])
    shown = client.get(link)
    assert shown.status_code == 200
    assert "ورشة الأمن الرقمي" in text(shown)
    assert registration_of(1).state == "confirmed"  # opening the link cancels nothing

    done = client.post(link)
    assert "تم إلغاء تسجيلك" in text(done)
    assert registration_of(1).state == "cancelled"
    assert registration_of(1).submission.status == Status.WITHDRAWN
    assert registration_of(3).state == "confirmed"
    assert registration_of(4).state == "waiting"
    offered = mails_to("p3@example.org")[-1]
    assert "مقعد" in offered.subject
    assert offered.attachments[0][0] == "security-workshop.ics"
    assert len(mails_to("p4@example.org")) == 1  # still waiting, told nothing new


def test_a_cancellation_link_used_twice_says_it_was_already_cancelled(client, form_page, event):
    register(client, form_page, 1)
    register(client, form_page, 2)
    register(client, form_page, 3)
    link = cancel_link(mails_to("p1@example.org")[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert "أُلغي هذا التسجيل من قبل" in text(again)
    # The place went to the first person waiting once; the second post moved nothing.
    assert [registration_of(n).state for n in (1, 2, 3)] == ["cancelled", "confirmed", "confirmed"]
    assert "أُلغي هذا التسجيل من قبل" in text(client.get(link))


def test_a_forged_cancellation_link_is_refused_clearly(client, form_page, event, forms_index):
    register(client, form_page, 1)
    registration = registration_of(1)
    forged = cancel_token(registration)[:-3] + "abc"
    response = client.post(f"{forms_index.url}registration/?token={forged}")
    assert response.status_code == 404
    assert "رابط الإلغاء هذا غير صالح" in text(response)
    assert registration_of(1).state == "confirmed"


def test_a_registration_cannot_be_cancelled_once_the_event_started(
    client, form_page, event, monkeypatch
):
    register(client, form_page, 1)
    link = cancel_link(mails_to("p1@example.org")[0])
    later = event.starts + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.post(link)
    assert response.status_code == 403
    assert "بدأت الفعالية" in text(response)
    assert registration_of(1).state == "confirmed"


def test_after_the_deadline_registration_is_closed_and_a_post_is_refused(
    client, form_page, event, monkeypatch
):
    event.registration_deadline = event.starts - datetime.timedelta(days=2)
    event.save_revision().publish()
    token = token_of(client.get(form_page.url))
    after = event.registration_deadline + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    response = client.post(form_page.url, {"form_token": token, **answers()})
    assert response.status_code == 403
    assert "أُغلق التسجيل" in text(response)
    assert Submission.objects.count() == 0
    page = client.get(event.url)
    assert "أُغلق التسجيل" in text(page)
    assert BeautifulSoup(page.content, "html.parser").select_one("#registration form") is None


def test_without_a_waiting_list_a_full_event_refuses_the_next_registration(
    client, form_page, event
):
    event.waiting_list = False
    event.save_revision().publish()
    register(client, form_page, 1)
    token = token_of(client.get(form_page.url))  # the last place is still free
    register(client, form_page, 2)
    response = client.post(form_page.url, {"form_token": token, **answers(email="p3@x.org")})
    assert response.status_code == 403
    assert "اكتملت المقاعد" in text(response)
    assert Registration.objects.count() == 2
    assert "اكتملت المقاعد" in text(client.get(event.url))


def test_a_double_submit_registers_once(client, form_page, event):
    token = token_of(client.get(form_page.url))
    data = {"form_token": token, **answers(email="p1@example.org")}
    first = client.post(form_page.url, data)
    second = client.post(form_page.url, data)
    assert first.status_code == second.status_code == 200
    assert Registration.objects.count() == 1
    assert len(mails_to("p1@example.org")) == 1


def test_one_address_takes_one_place_until_it_cancels(client, form_page, event):
    """A second registration from the same address, in any case of letters, took another of the
    places (and another confirmation); it is refused with what was typed kept, until the first
    is cancelled."""
    assert register(client, form_page, 1).status_code == 200
    token = token_of(client.get(form_page.url))
    again = client.post(
        form_page.url,
        {"form_token": token, **answers(full_name="مشارك أول", email="P1@Example.org")},
    )
    assert again.status_code == 409
    assert "مسجَّل في هذه الفعالية من قبل" in text(again)
    assert 'value="مشارك أول"' in again.content.decode()
    assert Registration.objects.count() == 1
    assert len(mails_to("p1@example.org")) == 1

    client.post(cancel_link(mails_to("p1@example.org")[0]))
    assert register(client, form_page, 1).status_code == 200
    assert registration_of_states("p1@example.org") == ["cancelled", "confirmed"]


def registration_of_states(address):
    return list(
        Registration.objects.filter(submission__email=address)
        .order_by("pk")
        .values_list("state", flat=True)
    )


def test_the_event_page_shows_places_left_then_the_waiting_list(client, form_page, event):
    assert "بقي مقعدان من أصل 2" in text(client.get(event.url))
    register(client, form_page, 1)
    assert "بقي مقعد واحد من أصل 2" in text(client.get(event.url))
    register(client, form_page, 2)
    page = text(client.get(event.url))
    assert "اكتملت المقاعد: سجّل لتنضم إلى قائمة الانتظار" in page


def test_the_reminder_goes_the_day_before_to_those_with_a_place_once(
    client, form_page, event, monkeypatch
):
    for n in range(1, 4):
        register(client, form_page, n)
    mail.outbox.clear()
    day_before = timezone.localtime(event.starts) - datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: day_before)
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]
    assert all("غدًا" in m.subject for m in mail.outbox)
    assert all(m.attachments for m in mail.outbox)


def test_no_reminder_two_days_before(client, form_page, event, monkeypatch):
    register(client, form_page, 1)
    mail.outbox.clear()
    two_days = timezone.localtime(event.starts) - datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: two_days)
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_an_english_registration_shares_the_places_and_writes_in_english(client, form_page, event):
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    form_en = form_page.copy_for_translation(english, copy_parents=True)
    form_en.title = "Registration"
    form_en.save_revision().publish()
    event_en = event.copy_for_translation(english, copy_parents=True)
    event_en.title = "Security workshop"
    event_en.save_revision().publish()
    register(client, form_page, 1)
    token = token_of(client.get(form_en.url))
    client.post(form_en.url, {"form_token": token, **answers(email="en@example.org")})
    register(client, form_page, 3)
    assert Registration.objects.get(submission__email="en@example.org").state == "confirmed"
    assert registration_of(3).state == "waiting"
    [message] = mails_to("en@example.org")
    assert message.subject.startswith("Your place is confirmed: Security workshop")


def test_erasing_a_registrants_data_gives_their_place_to_the_first_person_waiting(
    client, form_page, event
):
    for n in range(1, 4):
        register(client, form_page, n)
    registration_of(1).submission.delete()
    assert registration_of(3).state == "confirmed"
    assert "مقعد" in mails_to("p3@example.org")[-1].subject


def test_raising_the_capacity_offers_the_new_places_to_those_waiting_in_order(
    client, form_page, event
):
    for n in range(1, 6):
        register(client, form_page, n)
    event.capacity = 4
    event.save_revision().publish()
    states = [registration_of(n).state for n in range(1, 6)]
    assert states == ["confirmed", "confirmed", "confirmed", "confirmed", "waiting"]
    offer = mails_to("p3@example.org")[-1]
    assert "مقعد" in offer.subject
    # Nobody cancelled: the email says a place became free, not that one was given up.
    assert "أصبح مقعد في" in offer.body and "أُلغي" not in offer.body
    assert len(mails_to("p5@example.org")) == 1  # still waiting, told nothing new
    # The places are counted: the next registration waits too.
    register(client, form_page, 6)
    assert registration_of(6).state == "waiting"
    # Publishing again with the same capacity offers nothing more.
    event.save_revision().publish()
    assert registration_of(5).state == "waiting"
