"""With TASK_QUEUE=database a submission's emails wait in the database for the worker process
(`manage.py db_worker`) instead of being sent during the applicant's request."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from applications.models import Submission

# The worker reads the rows the request committed, as it does from its own process.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL_TASK = "home.outbox.deliver_emails"


@pytest.fixture
def emails_at_once():
    """Overrides the package's: these tests commit, so the emails are queued on commit, as on a
    server."""


def email_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=EMAIL_TASK).order_by("enqueued_at")


def test_the_request_stores_the_submission_and_the_worker_sends_its_emails(
    form_page, database_queue, submit, run_worker
):
    response = submit()
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.reference in response.content.decode()
    # Nothing sent during the request: the emails wait in the queue.
    assert mail.outbox == []
    (queued,) = email_tasks()
    assert queued.status == "READY"
    emails = list(submission.emails.order_by("pk"))
    assert queued.args_kwargs == {"args": [[e.pk for e in emails]], "kwargs": {}}
    assert {e.state for e in emails} == {"pending"}

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == ["sara@example.org", "team@tamkeen.example"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert {e.state for e in submission.emails.all()} == {"sent"}


def test_a_task_that_fails_is_recorded_and_the_submission_kept(
    form_page, database_queue, submit, run_worker, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", refuse)
        submit()
        run_worker()

    (failed,) = email_tasks()
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "home.outbox.EmailsNotSent"
    emails = Submission.objects.get().emails.all()
    assert all("SMTP server down" in e.last_error and e.attempts == 1 for e in emails)
    assert mail.outbox == []

    # After the pause, the scheduled retry queues the emails again, and the worker sends them.
    emails.update(due_at=timezone.now())
    call_command("send_pending_emails", stdout=StringIO())
    failed_again, retried = email_tasks()
    assert (failed_again.status, retried.status) == ("FAILED", "READY")
    run_worker()
    assert len(mail.outbox) == 2
    retried.refresh_from_db()
    assert retried.status == "SUCCESSFUL"
    assert {e.state for e in Submission.objects.get().emails.all()} == {"sent"}
