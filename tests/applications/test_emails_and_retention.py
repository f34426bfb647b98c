import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from applications.models import Submission, SubmissionFile
from tests.applications.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_mail(monkeypatch):
    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)


def test_a_failed_email_never_loses_the_submission(submit, broken_mail):
    response = submit()
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.reference in response.content.decode()
    assert "SMTP server down" in submission.email_error
    assert submission.email_attempts == 1
    assert submission.confirmation_sent_at is None


def test_failed_emails_are_sent_again_and_only_once(submit, broken_mail, monkeypatch):
    submit()
    monkeypatch.undo()
    call_command("send_pending_emails", stdout=StringIO())
    assert len(mail.outbox) == 2
    submission = Submission.objects.get()
    assert submission.email_error == ""
    assert submission.confirmation_sent_at and submission.notification_sent_at
    call_command("send_pending_emails", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_sending_stops_after_the_last_attempt(submit, broken_mail, settings):
    settings.APPLICATIONS_EMAIL_MAX_ATTEMPTS = 2
    submit()
    for _ in range(3):
        call_command("send_pending_emails", stdout=StringIO())
    assert Submission.objects.get().email_attempts == 2


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


def test_a_dry_run_deletes_nothing(submit):
    submit()
    Submission.objects.update(submit_time=timezone.now() - datetime.timedelta(days=5000))
    call_command("purge_submissions", "--dry-run", stdout=StringIO())
    assert Submission.objects.count() == 1
