"""Signing up for an opportunity: never after its end, never twice, never past its places.

A sign-up is stored like any submission (applications/submissions.py): one row per one-time
token, with its reference, history and emails, in one transaction. Before counting the places
left it takes the opportunity's write lock (models.lock) until the transaction ends: two
volunteers cannot both take the last place.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from applications.models import Status, Submission, next_reference
from applications.submissions import submission_emails
from home.outbox import record

from .models.places import HOLDING_PLACE, active_sign_ups, lock


class SignUpRefused(Exception):
    """Why a sign-up was not stored, in words for the volunteer."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


FULL = _("All the places of this opportunity have been taken. Look for another opportunity.")
TWICE = _(
    "You have already signed up for this opportunity with this email address. Check the "
    "status of your sign-up with its reference number."
)
ENDED = _("This opportunity has ended: sign-ups are closed.")


def store_sign_up(opportunity, form, today=None):
    """(submission, created): the token's sign-up, stored now or found from before.

    Raises SignUpRefused when the opportunity has ended, has no place left, or when this email
    address already holds one of its places.
    """
    if opportunity.is_past(today):
        raise SignUpRefused(ENDED, "ended")
    nonce = form.cleaned_data["nonce"]
    answers = form.answers
    email = answers["email"]
    try:
        with transaction.atomic():
            lock(opportunity)
            # A double click waited for the first post's lock: its sign-up is the answer.
            existing = Submission.objects.filter(token=nonce).first()
            if existing is not None:
                return existing, False
            holding = active_sign_ups(opportunity)
            if holding.filter(email__iexact=email).exists():
                raise SignUpRefused(TWICE, "twice")
            if holding.count() >= opportunity.volunteers_wanted:
                raise SignUpRefused(FULL, "full")
            submission = Submission.objects.create(
                page=opportunity,
                form_data=answers,
                reference=next_reference(timezone.localdate().year),
                token=nonce,
                email=email,
                language=get_language() or opportunity.locale.language_code,
            )
            submission.history.create(status=Status.RECEIVED)
            record(submission_emails(submission, opportunity))
    except IntegrityError:
        existing = Submission.objects.filter(token=nonce).first()
        if existing is None:
            raise
        return existing, False
    return submission, True


def with_places(opportunities):
    """Annotate `places_taken` (sign-ups holding a place, in every language) and `places_free`,
    in the same query as the opportunities."""
    taken = (
        Submission.objects.filter(
            page__translation_key=OuterRef("translation_key"), status__in=HOLDING_PLACE
        )
        .order_by()
        .values("page__translation_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return opportunities.annotate(
        places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))
    ).annotate(places_free=F("volunteers_wanted") - F("places_taken"))
