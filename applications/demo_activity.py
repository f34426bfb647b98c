"""The demo's applicants: made-up people who sent the demo forms days ago, some of them already
reviewed, so that the reviewers' dashboard, lists, exports, event seats, survey results and
figures have something to show on a new site.

The answers go through the form itself, so that a demo answer the form would refuse stops the
load. Nobody is emailed: the addresses are made up, and the emails these people would have had
are not recorded."""

import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from wagtail.models import Page

from home.importing import demo_files

from .forms import TOKEN_FIELD, new_token
from .models import Status, Submission, next_reference
from .registrations import register
from .submissions import applicant_email


def entries(path):
    """The file's submissions and the demo account (username) that reviewed them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["submissions"], data["reviewer"]


def days_ago(now, days, n=0):
    """A moment of the working day `days` before `now`, varied by `n` (the entry's place)."""
    day = timezone.localtime(now) - datetime.timedelta(days=days)
    return min(now, day.replace(hour=9 + (days * 5 + n * 3) % 9, minute=(days * 17 + n * 7) % 60))


def submit(page, entry, sent, reviewer=None):
    """The entry's submission, sent at `sent`, then reviewed by `reviewer` as its `review`
    says: [{"days_ago", "status", "note", "message"}, …], each step `days_ago` days ago."""
    now = timezone.now()
    language = page.locale.language_code
    with translation.override(language):
        form = page.get_form(
            {**entry["answers"], TOKEN_FIELD: new_token(page.pk)}, MultiValueDict(), page=page
        )
        if not form.is_valid():
            raise ValidationError(f"demo answers to {page.slug}: {form.errors.as_text()}")
    answers = form.answers
    with transaction.atomic():
        submission = Submission.objects.create(
            page=page,
            form_data=answers,
            reference=next_reference(timezone.localdate(sent).year),
            token=form.cleaned_data["nonce"],
            email=applicant_email(page, answers),
            language=language,
            status_changed_at=sent,
        )
        # Stamped on creation; these people wrote days ago.
        Submission.objects.filter(pk=submission.pk).update(submit_time=sent)
        submission.history.create(status=Status.RECEIVED, time=sent)
        if page.event is not None:
            registration = register(submission, page.event, emails=[])
            registration.created_at = registration.state_changed_at = sent
            registration.save(update_fields=["created_at", "state_changed_at"])
        notes = []
        for step in entry.get("review", []):
            when = days_ago(now, step["days_ago"], 1)
            submission.history.create(
                status=step["status"],
                time=when,
                user=reviewer,
                note=step.get("note", ""),
                message=step.get("message", ""),
            )
            submission.status, submission.status_changed_at = step["status"], when
            notes += [step["note"]] if step.get("note") else []
        submission.notes = "\n\n".join(notes)
        submission.save(update_fields=["status", "status_changed_at", "notes"])
    return submission


def load(accounts):
    """The submissions of every app's demo activity, each reviewed by the demo account its file
    names; the pages are named by slug."""
    listed = []
    for path in demo_files("activity"):
        submissions, reviewer = entries(path)
        listed += [(entry, accounts.get(username=reviewer)) for entry in submissions]
    pages = {
        page.slug: page.specific
        for page in Page.objects.filter(
            slug__in={entry["page"] for entry, _by in listed},
            locale__language_code=settings.LANGUAGE_CODE,
        )
    }
    now = timezone.now()
    sent = [
        (days_ago(now, entry["days_ago"], n), entry, by) for n, (entry, by) in enumerate(listed)
    ]
    # Oldest first, so that the references follow the order they were sent in.
    sent.sort(key=lambda item: item[0])
    return [submit(pages[entry["page"]], entry, at, by) for at, entry, by in sent]
