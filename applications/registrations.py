"""Places at an event: a registration takes one (or a place on the waiting list), a cancellation
gives it to the first person waiting, and the day before the event each participant is reminded.

Every change of places locks the event's `Seats` row first (a write, so that SQLite takes its
write lock at once and PostgreSQL its row lock), and reads what is taken only then: two
registrations for the last place, or a registration and a cancellation, follow each other.
"""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home.caching import content_changed
from home.outbox import OutgoingEmail, outgoing, record
from news.models import EventPage

from .models.registrations import Registration, Seats
from .models.submissions import REGISTRATION_EMAIL, REMINDER_EMAIL, SEAT_OFFERED_EMAIL, Status

CANCEL_SALT = "applications.cancel-registration"


class NoPlaceLeft(Exception):
    """Every place is taken and the event has no waiting list."""


class AlreadyRegistered(Exception):
    """The address holds a place at the event, or one on its waiting list, already: a second
    would take a place from somebody else."""


def _lock(event_key):
    """Lock the event's places until the transaction ends; the number taken."""
    if not Seats.objects.filter(event_key=event_key).update(taken=F("taken")):
        try:
            with transaction.atomic():
                Seats.objects.create(event_key=event_key)
        except IntegrityError:  # another registration created it first
            Seats.objects.filter(event_key=event_key).update(taken=F("taken"))
    return Seats.objects.values_list("taken", flat=True).get(event_key=event_key)


def registration_context(page):
    """What an event's registration form says above it: places left, the waiting list, when it
    closes. Empty for other forms."""
    event = page.event
    if event is None:
        return {}
    left = page.seats_left
    return {
        "event": event,
        "seats_left": left,
        "waiting_only": left == 0 and event.waiting_list,
        "closes": event.written(event.registration_closes),
    }


def register(submission, event, emails=None):
    """The submission's registration, confirmed while places are left, else waiting; raises
    NoPlaceLeft when the event is full and has no waiting list, AlreadyRegistered when its
    address holds a place or waits for one already. Call inside the submission's
    transaction: its email is recorded with it, or added to `emails` for the caller to record
    with the submission's own (one task for all)."""
    key = event.translation_key
    state = Registration.State.CONFIRMED
    with transaction.atomic(savepoint=False):
        taken = _lock(key)  # also makes two registrations from one address follow each other
        if submission.email and (
            Registration.objects.filter(event_key=key, submission__email__iexact=submission.email)
            .exclude(state=Registration.State.CANCELLED)
            .exists()
        ):
            raise AlreadyRegistered
        if event.capacity:
            if taken < event.capacity:
                Seats.objects.filter(event_key=key).update(taken=F("taken") + 1)
                if taken + 1 == event.capacity and not event.waiting_list:
                    # The event page now says "full" instead of showing the form.
                    transaction.on_commit(content_changed)
            elif event.waiting_list:
                state = Registration.State.WAITING
            else:
                raise NoPlaceLeft
        registration = Registration.objects.create(
            submission=submission, event=event, event_key=key, state=state
        )
        if submission.email:
            email = outgoing(REGISTRATION_EMAIL, registration, submission.email)
            if emails is None:
                record([email])
            else:
                emails.append(email)
    return registration


def waiting_position(registration):
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            event_key=registration.event_key,
            state=Registration.State.WAITING,
            pk__lte=registration.pk,
        ).count()
        if registration.state == Registration.State.WAITING
        else None
    )


def cancel(registration):
    """Cancel a registration; its place goes to the first person waiting, who is emailed.
    False when it was already cancelled (a link used twice)."""
    with transaction.atomic():
        _lock(registration.event_key)
        current = Registration.objects.select_related("submission").get(pk=registration.pk)
        if current.state == Registration.State.CANCELLED:
            registration.state = current.state
            return False
        had_place = current.state == Registration.State.CONFIRMED
        now = timezone.now()
        current.state = Registration.State.CANCELLED
        current.state_changed_at = now
        current.save(update_fields=["state", "state_changed_at"])
        submission = current.submission
        submission.status = Status.WITHDRAWN
        submission.status_changed_at = now
        submission.save(update_fields=["status", "status_changed_at"])
        submission.history.create(status=Status.WITHDRAWN, time=now)
        if had_place:
            give_place_to_next(current.event_key, now)
    registration.state = Registration.State.CANCELLED
    return True


def free_place(registration):
    """The place of a registration that is gone (erased with its submission), while the event
    is still to come."""
    upcoming = EventPage.objects.filter(pk=registration.event_id, starts__gt=timezone.now())
    if not upcoming.exists():
        return None
    with transaction.atomic():
        _lock(registration.event_key)
        return give_place_to_next(registration.event_key, timezone.now())


def give_place_to_next(event_key, now):
    """The freed place goes to the first person waiting, else back to the free places."""
    following = _waiting(event_key).first()
    if following is None:
        Seats.objects.filter(event_key=event_key, taken__gt=0).update(taken=F("taken") - 1)
        transaction.on_commit(content_changed)
        return None
    _offer_place(following, now)
    return following


def offer_new_places(event):
    """The places an editor added (a larger capacity, or none at all) go to the people waiting,
    first come first served, each emailed; the others keep waiting. Once the event has started
    nobody is offered a place."""
    if event.starts <= timezone.now():
        return []
    key = event.translation_key
    with transaction.atomic():
        taken = _lock(key)
        waiting = _waiting(key)
        if event.capacity:
            waiting = waiting[: max(event.capacity - taken, 0)]
        now = timezone.now()
        offered = [_offer_place(following, now) for following in waiting]
        if offered and event.capacity:
            Seats.objects.filter(event_key=key).update(taken=F("taken") + len(offered))
    return offered


def _waiting(event_key):
    return (
        Registration.objects.select_related("submission")
        .filter(event_key=event_key, state=Registration.State.WAITING)
        .order_by("pk")
    )


def _offer_place(following, now):
    following.state = Registration.State.CONFIRMED
    following.state_changed_at = now
    following.save(update_fields=["state", "state_changed_at"])
    if following.submission.email:
        record([outgoing(SEAT_OFFERED_EMAIL, following, following.submission.email)])
    return following


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def read_cancel_token(token):
    """The registration the link was made for, or None for a forged or mangled link."""
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.select_related("submission__page", "event").filter(pk=pk).first()


def send_reminders(today=None):
    """Record a reminder to everyone with a place at an event starting tomorrow (in the site's
    time zone); once per registration and start date, however often this runs. The number
    recorded."""
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
    end = start + datetime.timedelta(days=1)
    registrations = (
        Registration.objects.filter(
            state=Registration.State.CONFIRMED,
            event__starts__gte=start,
            event__starts__lt=end,
        )
        .exclude(submission__email="")
        .select_related("submission", "event")
    )
    emails = {}
    for registration in registrations:
        occasion = registration.event.starts.date().isoformat()
        email = outgoing(
            REMINDER_EMAIL, registration, registration.submission.email, occasion=occasion
        )
        emails[email.key] = email
    done = set(OutgoingEmail.objects.filter(key__in=emails).values_list("key", flat=True))
    count = 0
    for key, email in emails.items():
        if key in done:
            continue
        try:
            with transaction.atomic():
                record([email])
        except IntegrityError:  # recorded meanwhile by another run
            continue
        count += 1
    return count
