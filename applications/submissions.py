"""Storing a submission: one row per one-time token, its reference, files, history and emails,
in one transaction; the emails are sent once it commits."""

import datetime
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language

from home.outbox import outgoing, record

from .models.drafts import Draft
from .models.fields import FieldType
from .models.submissions import (
    CONFIRMATION_EMAIL,
    NOTIFICATION_EMAIL,
    Status,
    Submission,
    SubmissionFile,
    next_reference,
)
from .references import safe_filename
from .registrations import register


def team_addresses(page):
    return [a.strip() for a in getattr(page, "to_address", "").split(",") if a.strip()]


def submission_emails(submission, page, confirmation=True):
    """The emails a new submission causes, unsaved: one per team address, one to the applicant
    (an event's registration writes its own, with the calendar file)."""
    emails = [outgoing(NOTIFICATION_EMAIL, submission, a) for a in team_addresses(page)]
    if submission.email and confirmation:
        emails.append(outgoing(CONFIRMATION_EMAIL, submission, submission.email))
    return emails


def applicant_email(page, answers):
    for field in page.get_form_fields():
        if field.field_type == FieldType.EMAIL and answers.get(field.clean_name):
            return answers[field.clean_name]
    return ""


# The same answers to the same form within this time are one submission sent twice: the back
# button brings the form again with a new one-time token and, often, the answers as typed.
RESENT_WITHIN = datetime.timedelta(minutes=30)


def fingerprint(page, answers, uploads):
    """A digest of the answers (and of the files' names and sizes) to one form."""
    sent = {
        "page": page.pk,
        "answers": answers,
        "files": {name: [upload.safe_name, upload.size] for name, upload in uploads.items()},
    }
    return hashlib.sha256(json.dumps(sent, sort_keys=True, default=str).encode()).hexdigest()


def sent_before(page, digest):
    """The submission of the same answers to the form sent a moment ago, else None."""
    since = timezone.now() - RESENT_WITHIN
    earlier = Submission.objects.filter(page=page, fingerprint=digest, submit_time__gte=since)
    return earlier.order_by("-submit_time").first()


def store_submission(page, form, draft=None):
    """(submission, created): the token's submission, stored now or found from before.

    With a draft, the draft's files count for the fields sent without one, and the draft keeps
    only which submission it became. For an event's registration form, the submission takes a
    place or a place on the waiting list (registrations.NoPlaceLeft when there is neither).
    """
    nonce = form.cleaned_data["nonce"]
    answers = form.answers
    uploads = {
        name: upload for name, upload in form.cleaned_data.items() if name in form.files and upload
    }
    for name, upload in uploads.items():
        upload.safe_name = safe_filename(upload.name, upload.detected_kind)
        answers[name] = upload.safe_name
    kept = {} if draft is None else form.kept_files
    kept = {name: stored for name, stored in kept.items() if name not in uploads}
    for name, stored in kept.items():
        answers[name] = stored.name
    event = page.event
    digest = fingerprint(page, answers, uploads)
    try:
        with transaction.atomic():
            if draft is not None:
                draft = Draft.objects.select_for_update().get(pk=draft.pk)
                if draft.submission_id:  # sent already, from another tab or device
                    return draft.submission, False
            # An event's form says so itself: one place per address (registrations.py).
            if event is None and (earlier := sent_before(page, digest)) is not None:
                return earlier, False
            submission = Submission.objects.create(
                page=page,
                form_data=answers,
                reference=next_reference(timezone.localdate().year),
                token=nonce,
                fingerprint=digest,
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
            for name, kept_file in kept.items():
                stored = SubmissionFile(
                    submission=submission,
                    field_name=name,
                    name=kept_file.name,
                    kind=kept_file.kind,
                    size=kept_file.size,
                )
                with kept_file.file.open("rb") as content:
                    stored.file.save(kept_file.name, content, save=True)
            submission.history.create(status=Status.RECEIVED)
            emails = submission_emails(submission, page, confirmation=event is None)
            if event is not None:
                register(submission, event, emails)
            record(emails)
            if draft is not None:
                draft.submission = submission
                draft.submitted_at = timezone.now()
                draft.form_data = {}
                draft.save(update_fields=["submission", "submitted_at", "form_data"])
                for stored in draft.files.all():
                    stored.delete()
    except IntegrityError:
        # The token was used before (a double click, a reload): its submission is the answer.
        # Looked up only then, so that a first submission costs no query for it.
        existing = Submission.objects.filter(token=nonce).first()
        if existing is None:
            raise
        return existing, False
    return submission, True
