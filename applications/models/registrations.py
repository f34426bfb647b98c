"""An event's places: the seats taken in all its languages, whether its registration is open, and
the registration (a place or a waiting-list turn) each submission of its form takes."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.outbox import OutgoingEmail
from news.models import EventPage

from .submissions import Submission


class Seats(models.Model):
    """The places taken at one event, in all its languages: the row each registration and each
    cancellation locks, so that no place is given twice."""

    event_key = models.UUIDField(primary_key=True)
    taken = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.event_key}: {self.taken}"


def seats_taken(event):
    return (
        Seats.objects.filter(event_key=event.translation_key)
        .values_list("taken", flat=True)
        .first()
        or 0
    )


def seats_left(event):
    """Places still free at the event, or None when it has no limit."""
    if not event.capacity:
        return None
    return max(event.capacity - seats_taken(event), 0)


def registration_status(event, now=None, left=None):
    """ "open", "closed" (past the deadline or started) or "full" (no place and no waiting
    list); with a waiting list a full event stays open to it. `left`: the places left, when
    the caller has read them."""
    if (now or timezone.now()) >= event.registration_closes:
        return "closed"
    if not event.waiting_list and (seats_left(event) if left is None else left) == 0:
        return "full"
    return "open"


class Registration(models.Model):
    """A place at an event (or on its waiting list) taken by one submission of its form."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="registration"
    )
    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    # The event's translation key: registrations in every language share its places.
    event_key = models.UUIDField(db_index=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event_key", "state", "created_at"])]

    def __str__(self):
        return f"{self.submission_id} {self.state}"
