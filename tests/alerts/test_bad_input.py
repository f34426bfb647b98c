"""What a visitor may get wrong, and what a robot may try."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from alerts.models import Alert, Subscriber
from home.outbox import OutgoingEmail
from tests.alerts.conftest import link
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(index):
    return ProgrammePageFactory(parent=index, title="المجتمع الذكي", opens=None, joining_steps=[])


def ask(client, programme, email="visitor@example.org", **extra):
    return client.post(
        "/ar/alerts/", {"email": email, "kind": "programme", "target": programme.pk, **extra}
    )


def test_asking_twice_keeps_one_alert_and_one_confirmation_an_hour(client, announced, clock, sent):
    assert len(sent(ask, client, announced)) == 1
    assert sent(ask, client, announced, email="VISITOR@example.ORG") == []
    clock.move(minutes=59)
    assert sent(ask, client, announced) == []
    clock.move(minutes=2)
    [again] = sent(ask, client, announced)
    assert "أكّد" in again.subject
    assert Alert.objects.count() == 1 and Subscriber.objects.count() == 1


def test_a_forged_or_expired_confirmation_link_confirms_nothing(client, announced, clock, sent):
    [confirmation] = sent(ask, client, announced)
    path = link(confirmation, "confirm")
    forged = client.get(path[:-3] + "xx/")
    assert forged.status_code == 400 and "هذا الرابط غير صالح" in forged.content.decode()
    # Another address in a genuine token's place.
    assert client.get(path.replace("visitor@", "victim@")).status_code == 400
    clock.move(days=7, minutes=1)
    expired = client.get(path)
    assert expired.status_code == 400 and "انتهت صلاحية" in expired.content.decode()
    assert not Alert.objects.filter(confirmed_at__isnull=False).exists()


def test_nothing_is_sent_before_confirmation_and_unconfirmed_addresses_go_after_7_days(
    client, index, clock, sent
):
    opens = clock.today + datetime.timedelta(days=3)
    upcoming = ProgrammePageFactory(parent=index, opens=opens)
    sent(ask, client, upcoming)
    clock.set_day(opens)
    assert sent(call_command, "send_alerts", verbosity=0) == []
    clock.move(days=5)
    call_command("send_alerts", verbosity=0)
    assert not Alert.objects.exists() and not Subscriber.objects.exists()
    assert not OutgoingEmail.objects.filter(recipient="visitor@example.org").exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(client, announced, sent):
    assert sent(ask, client, announced, website="http://spam.example") == []
    assert sent.result.status_code == 302
    assert not Subscriber.objects.exists()


def test_a_flood_from_one_connection_is_stopped_with_a_message(client, announced, settings, sent):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "alerts": (3, 600)}
    for n in range(3):
        assert ask(client, announced, email=f"v{n}@example.org").status_code == 302
    response = ask(client, announced, email="v9@example.org")
    assert response.status_code == 429
    html = response.content.decode()
    assert "طلبات كثيرة" in html and 'value="v9@example.org"' in html
    assert Subscriber.objects.count() == 3


def test_a_wrong_address_is_explained_in_arabic_and_kept(client, announced):
    response = ask(client, announced, email="not-an-address")
    assert response.status_code == 400
    html = response.content.decode()
    assert "name@example.org" in html and 'value="not-an-address"' in html
    assert not Subscriber.objects.exists()
    # The page says what the alert was for, with the way back to it.
    about = BeautifulSoup(html, "html.parser").select_one("[data-testid=alert-about]")
    assert "برنامج:" in about.get_text() and "المجتمع الذكي" in about.get_text()
    assert about.a["href"] == announced.url


def test_the_alert_page_opened_from_a_link_names_what_it_is_for(client, announced):
    page = BeautifulSoup(
        client.get("/ar/alerts/", {"kind": "programme", "target": announced.pk}).content,
        "html.parser",
    )
    assert "المجتمع الذكي" in page.select_one("[data-testid=alert-about]").get_text()
    unknown = client.get("/ar/alerts/", {"kind": "programme", "target": "999999"})
    assert 'data-testid="alert-about"' not in unknown.content.decode()


def test_an_open_programme_offers_no_programme_alert(client, index):
    open_now = ProgrammePageFactory(parent=index, opens=datetime.date(2020, 1, 1))
    response = ask(client, open_now)
    assert response.status_code == 400
    assert "لم يُفتح التقديم إليها بعد" in response.content.decode()


def test_an_unsubscribe_link_that_was_tampered_with_removes_nothing(client, announced, clock, sent):
    [confirmation] = sent(ask, client, announced)
    client.get(link(confirmation, "confirm"))
    manage = client.get(link(confirmation, "manage"))
    assert "المجتمع الذكي" in manage.content.decode()
    response = client.post("/ar/alerts/unsubscribe/1:visitor@example.org:forged/")
    assert response.status_code == 400
    assert Alert.objects.count() == 1
    # "Stop everything" from the manage page, the confirmation email's one-click address.
    client.post(link(confirmation, "manage"))
    assert not Subscriber.objects.exists()


def test_an_address_pasted_with_an_invisible_direction_mark_is_confirmed(client, announced, sent):
    """Copied from Arabic text, an address ends with a right-to-left mark: the visitor was
    thanked, and the confirmation could never be sent."""
    [confirmation] = sent(ask, client, announced, email="visitor@example.org\u200f")
    assert confirmation.to == ["visitor@example.org"]
    # Written with the digits of the site's pages (an email is not rewritten as they are).
    assert "صالح 7 أيام" in confirmation.body
    assert Subscriber.objects.get().email == "visitor@example.org"
