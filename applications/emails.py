"""The emails about a submission: the notification to the programme team, the confirmation to
the applicant and, at each status change, a word to the applicant. Each is plain text and HTML,
in the language the form was filled in, with submitted text escaped in the HTML.

They go through the outbox (home/outbox.py): recorded with the submission or the status change,
written from here when they are sent.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.caching import remember
from home.outbox import register
from news import calendar

from .answers import answer_text
from .drafts import draft_url
from .models import (
    CONFIRMATION_EMAIL,
    DRAFT_EMAIL,
    NOTIFICATION_EMAIL,
    REGISTRATION_EMAIL,
    REMINDER_EMAIL,
    SEAT_OFFERED_EMAIL,
    STATUS_EMAIL,
    Registration,
    SubmissionEvent,
    cancel_url,
    forms_index,
)
from .references import status_link
from .registrations import waiting_position


def _answers(submission, page):
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    rows = []
    for name, value in submission.form_data.items():
        if value in (None, "", []):
            continue  # an optional field left empty
        rows.append((labels.get(name, name), answer_text(value)))
    return rows


def _status_url(submission, page):
    """The status check, with the submission's reference filled in."""
    index = forms_index(submission.language, page.locale_id)
    if index is None:
        return ""
    return status_link(index.full_url + index.reverse_subpage("status"), submission.reference)


def _message(template, subject, context, reply_to=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"applications/email/{template}.txt", context),
        from_email=context["page"].from_address or settings.DEFAULT_FROM_EMAIL,
        reply_to=reply_to,
    )
    message.attach_alternative(
        render_to_string(f"applications/email/{template}.html", context), "text/html"
    )
    return message


def _context(submission, **extra):
    # Worked out once for the emails about one submission that are sent together (the team's
    # and the applicant's), which share the submission object.
    if not hasattr(submission, "_in_emails"):
        # The form as published, remembered until the content changes: reading it took two
        # queries for every email.
        page = remember(f"form-page:{submission.page_id}", lambda: submission.page.specific)
        submission._in_emails = {"page": page, "status_url": _status_url(submission, page)}
    return {"submission": submission, "site_name": _("Tamkeen"), **submission._in_emails, **extra}


def notification(email):
    submission = email.about
    with translation.override(submission.language):
        context = _context(submission)
        page = context["page"]
        context["answers"] = _answers(submission, page)
        subject = page.subject or _("New submission: %(form)s") % {"form": page.title}
        reply_to = [submission.email] if submission.email else None
        return _message("notification", f"{subject} [{submission.reference}]", context, reply_to)


def confirmation(email):
    submission = email.about
    with translation.override(submission.language):
        context = _context(submission)
        context["answers"] = _answers(submission, context["page"])
        subject = _("We received your submission %(reference)s") % {
            "reference": submission.reference
        }
        return _message("confirmation", subject, context)


def status_change(email):
    event = SubmissionEvent.objects.select_related("submission__page").get(
        pk=email.context["event"]
    )
    submission = event.submission
    with translation.override(submission.language):
        status = event.get_status_display()
        context = _context(submission, event=event, status=status)
        subject = _("Your submission %(reference)s: %(status)s") % {
            "reference": submission.reference,
            "status": status,
        }
        return _message("status_change", subject, context)


def _event_message(email, kind):
    """A registration's email: its place or its place on the waiting list, the event, the
    cancellation link; with the calendar file whenever the participant has a place."""
    registration = Registration.objects.select_related("submission__page", "event").get(
        pk=email.object_id
    )
    submission = registration.submission
    with translation.override(submission.language):
        event = registration.event
        event = event.get_translation_or_none(submission.page.locale) or event
        context = _context(
            submission,
            kind=kind,
            registration=registration,
            event=event,
            waiting_position=waiting_position(registration),
            cancel_url=cancel_url(registration),
            when=event.written_start(),
        )
        waiting = registration.state == Registration.State.WAITING
        subjects = {
            "registered": _("You are on the waiting list: %(event)s")
            if waiting
            else _("Your place is confirmed: %(event)s"),
            "offered": _("A place is yours: %(event)s"),
            "reminder": _("Tomorrow: %(event)s"),
        }
        subject = subjects[kind] % {"event": event.title}
        message = _message("registration", f"{subject} [{submission.reference}]", context)
        if registration.state == Registration.State.CONFIRMED:
            ics = calendar.render([event], None, name=event.title)
            message.attach(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8")
        return message


def registered(email):
    return _event_message(email, "registered")


def seat_offered(email):
    return _event_message(email, "offered")


def reminder(email):
    return _event_message(email, "reminder")


def draft_saved(email):
    draft = email.about
    with translation.override(draft.language):
        page = draft.page.specific
        context = {
            "page": page,
            "site_name": _("Tamkeen"),
            "url": draft_url(draft),
            "expires": timezone.localtime(draft.expires_at),
        }
        subject = _("Your draft: %(form)s") % {"form": page.title}
        return _message("draft", subject, context)


def register_emails():
    register(NOTIFICATION_EMAIL, notification)
    register(CONFIRMATION_EMAIL, confirmation)
    register(STATUS_EMAIL, status_change)
    register(REGISTRATION_EMAIL, registered)
    register(SEAT_OFFERED_EMAIL, seat_offered)
    register(REMINDER_EMAIL, reminder)
    register(DRAFT_EMAIL, draft_saved)
