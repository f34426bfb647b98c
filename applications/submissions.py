"""Storing a submission: one row per one-time token, its reference, files and history, and the
emails sent after the transaction commits."""

from django.db import IntegrityError, transaction
from django.db.transaction import on_commit
from django.utils import timezone
from django.utils.translation import get_language

from .models import FieldType, Status, Submission, SubmissionFile, next_reference
from .references import safe_filename


def applicant_email(page, answers):
    for field in page.get_form_fields():
        if field.field_type == FieldType.EMAIL and answers.get(field.clean_name):
            return answers[field.clean_name]
    return ""


def store_submission(page, form):
    """(submission, created): the token's submission, stored now or found from before."""
    nonce = form.cleaned_data["nonce"]
    existing = Submission.objects.filter(token=nonce).first()
    if existing is not None:
        return existing, False
    answers = form.answers
    uploads = {
        name: upload for name, upload in form.cleaned_data.items() if name in form.files and upload
    }
    for name, upload in uploads.items():
        upload.safe_name = safe_filename(upload.name, upload.detected_kind)
        answers[name] = upload.safe_name
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                page=page,
                form_data=answers,
                reference=next_reference(timezone.localdate().year),
                token=nonce,
                email=applicant_email(page, answers),
                language=get_language() or page.locale.language_code,
            )
            for name, upload in uploads.items():
                stored = SubmissionFile(
                    submission=submission,
                    field_name=name,
                    name=upload.safe_name,
                    kind=upload.detected_kind,
                    size=upload.size,
                )
                stored.file.save(upload.safe_name, upload, save=True)
            submission.history.create(status=Status.RECEIVED)
            on_commit(lambda: queue_emails(submission.pk))
    except IntegrityError:
        # The same token sent twice at once (a double click): the other request stored it.
        existing = Submission.objects.filter(token=nonce).first()
        if existing is None:
            raise
        return existing, False
    return submission, True


def queue_emails(submission_id):
    from .tasks import send_submission_emails

    send_submission_emails.enqueue(submission_id)
