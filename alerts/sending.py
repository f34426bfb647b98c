"""The emails alerts cause: a programme opens, an announced programme gets its mechanism, news
appears in a category, new events are published. Each is recorded once per address and occasion
(the outbox's idempotency key), so a command run twice, or a worker that dies and is replaced,
sends nothing twice.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction

from home.outbox import OutgoingEmail, outgoing, record
from news.models import EventPage, NewsPage
from programmes.models import ProgrammePage, site_today

from .models import Alert, KnownProgramme

OPENED_EMAIL = "alerts.opened"
MECHANISM_EMAIL = "alerts.mechanism"
DIGEST_EMAIL = "alerts.digest"
EVENTS_EMAIL = "alerts.events"

# A programme that opened while no command ran (a day of outage) is still announced this many
# days after its opening day.
CATCH_UP_DAYS = 2


def record_once(emails):
    """Record the emails not recorded yet; returns how many were new."""
    unique = {email.key: email for email in emails}
    if not unique:
        return 0
    known = set(OutgoingEmail.objects.filter(key__in=unique).values_list("key", flat=True))
    new = [email for key, email in unique.items() if key not in known]
    try:
        with transaction.atomic():
            record(new)
    except IntegrityError:
        # Another run recorded them between our look and our write: they are recorded once.
        return 0
    return len(new)


def confirmed():
    return Alert.objects.filter(confirmed_at__isnull=False).select_related("subscriber")


def waiting_for(programme):
    """(alert, programme in the alert's language) for every confirmed alert about this
    programme or about its track, in any language it is published in."""
    pages = {
        page.locale.language_code: page
        for page in ProgrammePage.objects.live()
        .filter(translation_key=programme.translation_key)
        .select_related("locale")
    }
    pages.setdefault(programme.locale.language_code, programme)
    found = []
    about_programme = confirmed().filter(
        kind=Alert.Kind.PROGRAMME, subject_key=f"programme:{programme.translation_key}"
    )
    for alert in about_programme:
        found.append((alert, pages.get(alert.language, programme)))
    for language, page in pages.items():
        if page.track:
            for alert in confirmed().filter(
                kind=Alert.Kind.TRACK, language=language, track=page.track
            ):
                found.append((alert, page))
    return found


def _programme_email(purpose, occasion, alert, page):
    return outgoing(
        purpose,
        alert.subscriber,
        alert.subscriber.email,
        occasion=occasion,
        language=alert.language,
        alert=alert.pk,
        programme=page.pk,
    )


def opening_emails(today=None):
    """Tell those waiting that a programme opens today (or opened in the last days unseen)."""
    today = today or site_today()
    opened = ProgrammePage.objects.live().filter(
        opens__lte=today, opens__gte=today - datetime.timedelta(days=CATCH_UP_DAYS)
    )
    emails = []
    for programme in opened.select_related("locale"):
        if not programme.is_open(today):
            continue
        occasion = f"opened:{programme.translation_key}:{programme.opens.isoformat()}"
        emails += [
            _programme_email(OPENED_EMAIL, occasion, alert, page)
            for alert, page in waiting_for(programme)
        ]
    return record_once(emails)


def mechanism_published(programme):
    """On each publish of a programme: when it was announced and now has its mechanism, tell
    those waiting, once."""
    announced = programme.is_announced()
    known, created = KnownProgramme.objects.get_or_create(
        translation_key=programme.translation_key, defaults={"announced": announced}
    )
    if created or known.announced == announced:
        return 0
    known.announced = announced
    known.save(update_fields=["announced"])
    if announced:
        return 0
    occasion = f"mechanism:{programme.translation_key}"
    return record_once(
        [
            _programme_email(MECHANISM_EMAIL, occasion, alert, page)
            for alert, page in waiting_for(programme)
        ]
    )


def site_day_bounds(day):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    return start, start + datetime.timedelta(days=1)


def _news_about(alert, published):
    """The news `alert` asks for: of its category, or about a programme of its track."""
    news = published.filter(
        locale__language_code=alert.language, first_published_at__gte=alert.confirmed_at
    )
    if alert.kind == Alert.Kind.CATEGORY:
        return news.filter(category__translation_key=alert.category.translation_key)
    track = ProgrammePage.objects.filter(locale__language_code=alert.language, track=alert.track)
    return news.filter(
        related_programmes__page__translation_key__in=track.values("translation_key")
    )


def digest_emails(day=None):
    """For each confirmed category or track alert, the news of that category, or about a
    programme of that track, first published on `day` (yesterday in the site's time zone, by
    default) after the alert was confirmed."""
    day = day or site_today() - datetime.timedelta(days=1)
    start, end = site_day_bounds(day)
    published = (
        NewsPage.objects.live()
        .public()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
    )
    emails = []
    alerts = confirmed().filter(kind__in=[Alert.Kind.CATEGORY, Alert.Kind.TRACK])
    for alert in alerts.select_related("category"):
        news = list(
            _news_about(alert, published)
            .order_by("first_published_at")
            .values_list("pk", flat=True)
            .distinct()
        )
        if news:
            emails.append(_of_the_day(DIGEST_EMAIL, "digest", alert, day, news=news))
    return record_once(emails)


def _of_the_day(purpose, occasion, alert, day, **pages):
    """The email of `day` for `alert`, listing `pages` (ids): one per alert and day."""
    return outgoing(
        purpose,
        alert.subscriber,
        alert.subscriber.email,
        occasion=f"{occasion}:{alert.pk}:{day.isoformat()}",
        language=alert.language,
        alert=alert.pk,
        day=day.isoformat(),
        **pages,
    )


def event_emails(day=None):
    """For each address with confirmed alerts about events, the events of each alert's language
    (and kind, if it names one) first published on `day` (yesterday in the site's time zone, by
    default) after the alert was confirmed and not over yet, soonest first: one email a day at
    most, whatever the number of its alerts (every event, trainings, workshops) an event meets."""
    day = day or site_today() - datetime.timedelta(days=1)
    start, end = site_day_bounds(day)
    published = list(
        EventPage.objects.live()
        .public()
        .filter(first_published_at__gte=start, first_published_at__lt=end, ends__gte=end)
        .order_by("starts", "pk")
        .values_list("pk", "locale__language_code", "kind", "first_published_at")
    )
    if not published:
        return 0
    # Per address and language: the first of its alerts that follows one of them (the email is
    # recorded for it: its link stops what brought the email) and the events any of them follows.
    wanted = {}
    for alert in confirmed().filter(kind=Alert.Kind.EVENTS).order_by("pk"):
        followed = {
            pk
            for pk, language, kind, published_at in published
            if language == alert.language
            and published_at >= alert.confirmed_at
            and alert.event_kind in ("", kind)
        }
        if followed:
            first, events = wanted.setdefault((alert.subscriber_id, alert.language), (alert, set()))
            events.update(followed)
    emails = [
        _of_the_day(
            EVENTS_EMAIL, "events", first, day, events=[p[0] for p in published if p[0] in events]
        )
        for first, events in wanted.values()
    ]
    return record_once(emails)
