"""Asking for an alert, confirming it, and leaving: the rules, apart from the views.

An address asking again for the same thing keeps its one alert; it gets at most one new
confirmation email an hour, however often it asks. Confirming confirms every alert the address
asked for and has not confirmed yet.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from home.outbox import OutgoingEmail, outgoing, record

from .models import UNCONFIRMED_DAYS, Alert, KnownProgramme, Subscriber, subject_key

CONFIRMATION_EMAIL = "alerts.confirm"


def normalise(email):
    local, _sep, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def ask(
    email,
    language,
    kind,
    programme=None,
    track="",
    category=None,
    event_kind="",
    now=None,
    known=False,
):
    """Record the alert (unconfirmed) and, when due, the confirmation email; or, for an address
    that is `known` (asking from the page its emailed link opens), the alert confirmed at once."""
    now = now or timezone.now()
    email = normalise(email)
    key = subject_key(kind, programme, track, category, language, event_kind)
    try:
        with transaction.atomic():
            # One address whatever the case it is typed in.
            subscriber = Subscriber.objects.select_for_update().filter(
                email__iexact=email
            ).first() or Subscriber.objects.create(email=email, language=language, created_at=now)
            alert = subscriber.alerts.filter(subject_key=key).first()
            if alert is None:
                alert = Alert.objects.create(
                    subscriber=subscriber,
                    kind=kind,
                    programme=programme,
                    track=track,
                    category=category,
                    event_kind=event_kind,
                    language=language,
                    created_at=now,
                )
            if programme is not None:
                KnownProgramme.objects.get_or_create(
                    translation_key=programme.translation_key,
                    defaults={"announced": programme.is_announced()},
                )
            if known and alert.confirmed_at is None:
                alert.confirmed_at = now
                alert.save(update_fields=["confirmed_at"])
            if alert.confirmed_at is not None or not subscriber.may_get_a_confirmation(now):
                return alert
            subscriber.language = language
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["language", "confirmation_sent_at"])
            record(
                [
                    outgoing(
                        CONFIRMATION_EMAIL,
                        subscriber,
                        subscriber.email,
                        occasion=now.isoformat(),
                        language=language,
                    )
                ]
            )
            return alert
    except IntegrityError:
        # The same address asked twice at the same moment: the other request recorded it.
        return None


def confirm(subscriber, now=None):
    """Confirm what the address asked for; returns how many alerts this confirmed."""
    now = now or timezone.now()
    return subscriber.alerts.filter(confirmed_at__isnull=True).update(confirmed_at=now)


def leave(alert):
    """Remove one alert; the address goes too once it has none left."""
    subscriber = alert.subscriber
    alert.delete()
    if not subscriber.alerts.exists():
        erase(subscriber)


def erase(subscriber):
    """The address, its alerts and every email recorded for it."""
    with transaction.atomic():
        OutgoingEmail.objects.filter(
            content_type__app_label="alerts",
            content_type__model="subscriber",
            object_id=subscriber.pk,
        ).delete()
        subscriber.delete()


def purge_unconfirmed(now=None, days=None):
    """Delete alerts never confirmed within their time, and addresses left with none."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=days or UNCONFIRMED_DAYS)
    deleted, _rows = Alert.objects.filter(confirmed_at__isnull=True, created_at__lt=limit).delete()
    for subscriber in Subscriber.objects.filter(alerts__isnull=True, created_at__lt=limit):
        erase(subscriber)
    return deleted
