"""An opportunity's places: the sign-ups that hold one, in every language of the opportunity, and
the write lock every sign-up and every record of hours takes first."""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from wagtail.models import Page

from applications.models import Status, Submission

# A sign-up holds a place from the moment it is sent until it is rejected or withdrawn.
HOLDING_PLACE = (Status.RECEIVED, Status.UNDER_REVIEW, Status.ACCEPTED)


def translations_of(page):
    return Page.objects.filter(translation_key=page.translation_key)


def active_sign_ups(opportunity):
    """The sign-ups holding a place, in every language of the opportunity."""
    return Submission.objects.filter(
        page__in=translations_of(opportunity), status__in=HOLDING_PLACE
    )


class OpportunityLock(models.Model):
    """One row per opportunity (all its languages), written first by every sign-up and every
    record of hours: the write lock it takes lets one of them at a time count the places left or
    the hours given, on PostgreSQL (the row's lock) as on SQLite (the database's)."""

    opportunity = models.UUIDField(primary_key=True)
    writes = models.PositiveIntegerField(default=0)

    def __str__(self):
        return str(self.opportunity)


def lock(opportunity):
    """Hold the opportunity's write lock until the surrounding transaction ends."""
    key = opportunity.translation_key
    with transaction.atomic(savepoint=False):
        # Write first: SQLite then takes its write lock at once instead of upgrading a read.
        if not OpportunityLock.objects.filter(opportunity=key).update(writes=F("writes") + 1):
            try:
                with transaction.atomic():
                    OpportunityLock.objects.create(opportunity=key, writes=1)
            except IntegrityError:  # another write created the row first
                OpportunityLock.objects.filter(opportunity=key).update(writes=F("writes") + 1)
