import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from applications.models import Submission, SubmissionFile
from home.outbox import OutgoingEmail, claim, deliver_emails
from tests.applications.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_mail(monkeypatch):
    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)


@pytest.fixture
def clock(monkeypatch):
    """Moves the site's clock forward: clock(minutes=5)."""
    start = timezone.now()

    def move(**delta):
        moment = start + datetime.timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


def states():
    return sorted(
        (email.purpose.split(".")[1], email.state, email.attempts)
        for email in OutgoingEmail.objects.all()
    )


def test_a_failed_email_never_loses_the_submission(submit, broken_mail):
    response = submit()
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.reference in response.content.decode()
    assert states() == [("confirmation", "failed", 1), ("notification", "failed", 1)]
    assert all("SMTP server down" in e.last_error for e in submission.emails.all())


def test_failed_emails_are_sent_again_after_a_pause_and_only_once(
    submit, broken_mail, monkeypatch, clock
):
    submit()
    monkeypatch.undo()
    call_command("send_pending_emails", stdout=StringIO())
    assert mail.outbox == []  # the first pause (a minute) has not passed
    clock(minutes=2)
    call_command("send_pending_emails", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["sara@example.org", "team@tamkeen.example"]
    assert states() == [("confirmation", "sent", 2), ("notification", "sent", 2)]
    clock(hours=5)
    call_command("send_pending_emails", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_the_pause_between_attempts_grows(submit, broken_mail, clock):
    submit()
    clock(minutes=1, seconds=30)
    call_command("send_pending_emails", stdout=StringIO())
    assert states() == [("confirmation", "failed", 2), ("notification", "failed", 2)]
    clock(minutes=3)  # the second pause is two minutes
    call_command("send_pending_emails", stdout=StringIO())
    assert states() == [("confirmation", "failed", 2), ("notification", "failed", 2)]
    clock(minutes=3, seconds=40)
    call_command("send_pending_emails", stdout=StringIO())
    assert states() == [("confirmation", "failed", 3), ("notification", "failed", 3)]


def test_sending_stops_after_the_last_attempt(submit, broken_mail, settings, clock):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    submit()
    for hours in range(1, 4):
        clock(hours=hours)
        call_command("send_pending_emails", stdout=StringIO())
    assert states() == [("confirmation", "failed", 2), ("notification", "failed", 2)]
    assert all(email.gave_up for email in OutgoingEmail.objects.all())


def test_a_retry_never_sends_a_sent_email_again(submit, clock):
    submit()
    assert len(mail.outbox) == 2
    for email in OutgoingEmail.objects.all():
        deliver_emails.enqueue([email.pk])
    clock(hours=1)
    call_command("send_pending_emails", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_an_email_whose_sender_died_is_sent_after_its_lease(submit, clock, monkeypatch):
    # The server stops before queueing the emails; a sender takes one and dies before the
    # mail server has it.
    monkeypatch.setattr("home.outbox.on_commit", lambda callback: None)
    submit()
    (confirmation,) = Submission.objects.get().emails.filter(recipient="sara@example.org")
    assert claim(confirmation.pk) is not None
    clock(minutes=1, seconds=30)
    call_command("send_pending_emails", stdout=StringIO())
    # Still within its lease: the other one (pending) is sent, this one waits.
    assert [m.to for m in mail.outbox] == [["team@tamkeen.example"]]
    clock(minutes=3)
    call_command("send_pending_emails", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["team@tamkeen.example"], ["sara@example.org"]]
    confirmation.refresh_from_db()
    assert (confirmation.state, confirmation.attempts) == ("sent", 2)


def test_an_email_keeps_its_message_id_on_every_attempt(submit, broken_mail, monkeypatch, clock):
    submit()
    monkeypatch.undo()
    clock(minutes=2)
    call_command("send_pending_emails", stdout=StringIO())
    email = OutgoingEmail.objects.get(recipient="sara@example.org")
    (message,) = [m for m in mail.outbox if m.to == ["sara@example.org"]]
    assert message.extra_headers["Message-ID"] == email.message_id
    assert email.key[:32] in email.message_id


def test_erasing_a_submission_erases_its_emails(submit):
    submit()
    assert OutgoingEmail.objects.count() == 2
    Submission.objects.get().delete()
    assert not OutgoingEmail.objects.exists()


def test_old_submissions_are_deleted_with_their_files(submit, settings):
    settings.APPLICATIONS_RETENTION_DAYS = 30
    submit(document=SimpleUploadedFile("a.pdf", PDF))
    submit()
    old = Submission.objects.order_by("pk").first()
    Submission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=31)
    )
    path = Path(SubmissionFile.objects.get().file.path)
    out = StringIO()
    call_command("purge_submissions", stdout=out)
    assert "1 submissions" in out.getvalue()
    assert list(Submission.objects.all()) == [Submission.objects.order_by("pk").last()]
    assert not Submission.objects.filter(pk=old.pk).exists()
    assert not path.exists()
    # Nor the folder named after its reference.
    assert old.reference == path.parent.name
    assert not path.parent.exists()


def test_a_dry_run_deletes_nothing(submit):
    submit()
    Submission.objects.update(submit_time=timezone.now() - datetime.timedelta(days=5000))
    call_command("purge_submissions", "--dry-run", stdout=StringIO())
    assert Submission.objects.count() == 1
