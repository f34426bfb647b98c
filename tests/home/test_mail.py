"""Emails written by Wagtail and Django (moderation notifications, password resets) go through
the outbox as the site's own do: recorded before they reach the mail server, delivered once, sent
again after a failure, and their text forgotten once delivered."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from config.settings import base
from home import roles
from home.outbox import WRITTEN, OutgoingEmail
from tests.factories import ProgrammePageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings, monkeypatch):
    """The site's mail settings, which Django's test set-up replaces with its in-memory backend
    (that one now delivers); tests run inside a transaction that never commits: deliver at once
    instead of after it."""
    settings.EMAIL_BACKEND = base.EMAIL_BACKEND
    monkeypatch.setattr("home.outbox.on_commit", lambda callback: callback())


def test_a_moderator_is_told_of_a_page_waiting_through_the_outbox(client, staff, programmes):
    moderator = StaffUserFactory(groups=[roles.MODERATORS])
    page = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    editor = staff(client, roles.SECTIONS["programmes"].editors)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)

    (email,) = OutgoingEmail.objects.filter(purpose=WRITTEN, recipient=moderator.email)
    assert email.state == "sent" and email.attempts == 1
    (sent,) = [m for m in mail.outbox if m.to == [moderator.email]]
    assert "مسار الاحتضان" in sent.subject + sent.body
    assert sent.extra_headers["Message-ID"] == email.message_id
    # Delivered, its text is no longer kept.
    assert email.context == {}


def test_a_password_reset_link_survives_a_mail_server_outage_and_is_then_forgotten(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    user = StaffUserFactory(email="layla@tamkeen.example")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    with monkeypatch.context() as patch:
        # The mail server, not the outbox, is down.
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        response = client.post(
            reverse("wagtailadmin_password_reset"), {"email": "layla@tamkeen.example"}
        )
    assert response.status_code == 302
    (email,) = OutgoingEmail.objects.filter(recipient=user.email)
    assert email.state == "failed" and "SMTP server down" in email.last_error
    assert "/password_reset/confirm/" in email.context["body"]
    assert mail.outbox == []

    # Once its pause has passed, the cron command sends it: once, and then forgets its text.
    OutgoingEmail.objects.filter(pk=email.pk).update(due_at=timezone.now())
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_pending_emails", stdout=StringIO())
    (sent,) = mail.outbox
    assert sent.to == [user.email] and "/password_reset/confirm/" in sent.body
    email.refresh_from_db()
    assert email.state == "sent" and email.context == {}


def test_one_message_to_two_people_is_two_emails():
    mail.send_mail("موضوع", "نص", None, ["a@tamkeen.example", "b@tamkeen.example"])
    emails = OutgoingEmail.objects.filter(purpose=WRITTEN)
    assert sorted(emails.values_list("recipient", flat=True)) == [
        "a@tamkeen.example",
        "b@tamkeen.example",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@tamkeen.example", "b@tamkeen.example"]


def test_a_written_email_given_up_keeps_no_text(settings, monkeypatch):
    settings.OUTBOX_MAX_ATTEMPTS = 1

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    mail.send_mail("إعادة تعيين كلمة المرور", "الرابط السري", None, ["a@tamkeen.example"])
    (email,) = OutgoingEmail.objects.filter(purpose=WRITTEN)
    assert email.gave_up and email.context == {}


def test_a_message_with_a_file_is_refused_not_sent_without_it():
    message = mail.EmailMessage("موضوع", "نص", None, ["a@tamkeen.example"])
    message.attach("تقرير.txt", "محتوى", "text/plain")
    with pytest.raises(ValueError):
        message.send()
    assert not OutgoingEmail.objects.exists()
