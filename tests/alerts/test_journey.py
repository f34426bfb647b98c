"""The whole journey, as a visitor and an editor would live it: a programme is announced with no
mechanism; a visitor asks to be told and confirms; the editor adds the steps and dates; on the
opening day the email arrives once, with a one-click unsubscribe that works."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from alerts.models import Alert
from programmes.models import ProgrammePage
from tests.alerts.conftest import link
from tests.programmes.test_admin import add_url, form

pytestmark = pytest.mark.django_db

OPENING_DAY = datetime.date(2026, 12, 10)


def test_announced_then_opened_the_visitor_is_told_once_and_can_leave_in_one_click(
    admin_client, client, index, clock, sent
):
    # The editor publishes the announcement: no steps, no dates.
    data = form([], steps=0, opens="", closes="", apply_in_person="")
    assert admin_client.post(add_url(index), data).status_code == 302
    programme = ProgrammePage.objects.get(slug="advanced-training")
    page = client.get(programme.url).content.decode()
    assert "ستُعلن آلية الانضمام ومعايير الأهلية" in page
    assert 'data-testid="alert-form"' in page and "أعلمني" in page

    # The visitor asks, in Arabic, and gets the confirmation and nothing else.
    emails = sent(
        client.post,
        "/ar/alerts/",
        {"email": "Visitor@Example.org", "kind": "programme", "target": programme.pk},
    )
    assert sent.result.status_code == 302 and sent.result.url == "/ar/alerts/sent/"
    [confirmation] = emails
    assert confirmation.to == ["Visitor@example.org"]
    assert "أكّد تنبيهاتك" in confirmation.subject
    response = client.get(link(confirmation, "confirm"))
    assert "تأكّدت تنبيهاتك" in response.content.decode()

    # The editor adds the steps and the dates: the mechanism is told, once.
    edit = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    data = form([], steps=2, opens=OPENING_DAY.isoformat(), closes="2027-01-31")
    emails = sent(admin_client.post, edit, data)
    assert sent.result.status_code == 302
    [mechanism] = emails
    assert "نُشرت آلية الانضمام" in mechanism.subject
    assert sent(admin_client.post, edit, data) == []

    # The day before, nothing; on the opening day (Damascus), one email however often it runs.
    clock.set_day(OPENING_DAY - datetime.timedelta(days=1))
    assert sent(call_command, "send_alerts", verbosity=0) == []
    clock.set_day(OPENING_DAY)
    [opened] = sent(call_command, "send_alerts", verbosity=0)
    assert sent(call_command, "send_alerts", verbosity=0) == []
    assert "فُتح التقديم" in opened.subject and programme.title in opened.subject
    assert opened.to == ["Visitor@example.org"]
    assert opened.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = opened.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http") and "/ar/alerts/unsubscribe/" in unsubscribe
    assert "/ar/alerts/manage/" in opened.body

    # One click from the mail client: a POST with no cookie and no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    path = "/" + unsubscribe.split("://", 1)[1].split("/", 1)[1]
    response = mail_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Alert.objects.exists()
    # Replayed: nothing left to stop, said plainly.
    again = mail_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200 and "أُوقف هذا التنبيه من قبل" in again.content.decode()
    clock.move(days=1)
    assert sent(call_command, "send_alerts", verbosity=0) == []
