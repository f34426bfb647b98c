"""Addresses as applicants paste them: invisible marks that come with a copy from Arabic text are
dropped, so the emails they were promised reach them; an address no mail server can be given is
refused before anything is stored."""

import importlib

import pytest
from django.apps import apps
from django.core import mail

from applications.models import Submission
from home.outbox import OutgoingEmail, State
from tests.applications.conftest import result_of

pytestmark = pytest.mark.django_db

RLM, ZWJ = "\u200f", "\u200d"


@pytest.mark.parametrize(
    "pasted", [f"sara@example.org{RLM}", f"{RLM}sara@example.org", f"sara@exa{ZWJ}mple.org"]
)
def test_an_address_with_an_invisible_mark_gets_its_emails(
    client, submit, status_url, pasted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(email=pasted)
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.email == "sara@example.org"
    assert "sara@example.org" in {address for message in mail.outbox for address in message.to}
    assert not OutgoingEmail.objects.exclude(state=State.SENT).exists()

    # The status check finds it with the address as the applicant pasted it again.
    found = client.post(status_url, {"reference": submission.reference, "email": pasted})
    assert "لم نجد" not in result_of(found)


def test_an_address_no_mail_server_can_be_given_is_refused_and_kept(client, submit):
    """A line separator passes Django's check of the domain, and then fails every email."""
    response = submit(email="sara@exa\u2028mple.org")
    assert response.status_code == 200
    assert not Submission.objects.exists()
    html = response.content.decode()
    assert "عنوان بريد إلكتروني صحيح" in html
    assert 'value="سارة الأحمد"' in html  # what was typed is kept


def test_addresses_stored_with_marks_before_are_stored_plain_and_their_emails_sent_again(
    submit, django_capture_on_commit_callbacks
):
    """What the migration does for submissions that arrived before the marks were dropped."""
    migration = importlib.import_module(
        "applications.migrations.0009_addresses_without_invisible_marks"
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    submission = Submission.objects.get()
    Submission.objects.update(email=f"sara@example.org{RLM}")
    stuck = OutgoingEmail.objects.get(recipient="sara@example.org")
    OutgoingEmail.objects.filter(pk=stuck.pk).update(
        recipient=f"sara@example.org{RLM}", state=State.FAILED, attempts=9, due_at=None
    )
    migration.store_plain(apps, None)

    submission.refresh_from_db()
    stuck.refresh_from_db()
    assert submission.email == "sara@example.org"
    assert (stuck.recipient, stuck.state, stuck.attempts) == ("sara@example.org", State.PENDING, 0)
    assert stuck.due_at is not None  # `send_pending_emails` takes it at its next run
