import logging

from django.conf import settings
from django.db.models import F
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_submission_emails(submission_id):
    """Send a submission's emails. A failure is recorded on the submission, which stays stored;
    `manage.py send_pending_emails` (run it every few minutes) tries again."""
    from .emails import send_emails
    from .models import Submission

    submission = Submission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return
    if submission.email_attempts >= settings.APPLICATIONS_EMAIL_MAX_ATTEMPTS:
        return
    Submission.objects.filter(pk=submission.pk).update(email_attempts=F("email_attempts") + 1)
    try:
        send_emails(submission)
    except Exception as error:
        Submission.objects.filter(pk=submission.pk).update(email_error=repr(error)[:1000])
        logger.warning("Emails of submission %s not sent: %r", submission.reference, error)
        raise
    if submission.email_error:
        Submission.objects.filter(pk=submission.pk).update(email_error="")
