"""Who asked to be told, and about what: an address (a subscriber), and its alerts.

An alert is about one programme, one track (every programme of that track in the subscriber's
language), one news category or the events (every new event in the subscriber's language, or
every new one of a kind: trainings only).
Nothing is sent to an alert before its address confirms it by the emailed link; unconfirmed
alerts are deleted after `UNCONFIRMED_DAYS`. The time and the language of the consent are kept
for the site administrators' export.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import EventPage

UNCONFIRMED_DAYS = 7
# What an alert about events follows, in the words its lists and emails use.
EVERY_NEW_EVENT = _("Every new event: workshops, trainings, launches")
# An alert about events may follow one kind of them, each named as a list of new ones.
NEW_EVENTS_OF_KIND = {
    EventPage.Kind.LAUNCH: _("New launches"),
    EventPage.Kind.WORKSHOP: _("New workshops"),
    EventPage.Kind.TRAINING: _("New trainings"),
    EventPage.Kind.HACKATHON: _("New hackathons"),
    EventPage.Kind.MEETING: _("New meetings"),
}
# At most one new confirmation email per address in this time.
CONFIRMATION_INTERVAL = datetime.timedelta(hours=1)


class Subscriber(models.Model):
    email = models.EmailField(_("email"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def may_get_a_confirmation(self, now=None):
        now = now or timezone.now()
        return (
            self.confirmation_sent_at is None
            or now - self.confirmation_sent_at >= CONFIRMATION_INTERVAL
        )


class Alert(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        TRACK = "track", _("Track")
        CATEGORY = "category", _("News category")
        EVENTS = "events", _("Events")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("about"), max_length=10, choices=Kind.choices)
    # The programme in the language it was asked in; its translations are the same programme.
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    track = models.CharField(_("track"), max_length=80, blank=True)
    # Of an alert about events: the one kind it follows, or every kind when empty.
    event_kind = models.CharField(
        _("kind of event"), max_length=20, blank=True, choices=EventPage.Kind.choices
    )
    category = models.ForeignKey(
        "news.NewsCategory",
        verbose_name=_("news category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # What the alert is about, the same in every language of a programme or category: an address
    # asks once for each.
    subject_key = models.CharField(max_length=200, editable=False)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given on"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "subject_key"], name="one_alert_per_subject"
            )
        ]
        indexes = [models.Index(fields=["kind", "confirmed_at"])]

    def __str__(self):
        return f"{self.subscriber} → {self.subject}"

    def save(self, *args, **kwargs):
        self.subject_key = subject_key(
            self.kind, self.programme, self.track, self.category, self.language, self.event_kind
        )
        super().save(*args, **kwargs)

    @property
    def subject(self):
        if self.kind == self.Kind.PROGRAMME:
            return self.programme.title if self.programme else ""
        if self.kind == self.Kind.TRACK:
            return self.track
        if self.kind == self.Kind.EVENTS:
            return str(NEW_EVENTS_OF_KIND.get(self.event_kind, EVERY_NEW_EVENT))
        return self.category.name if self.category else ""


def subject_key(kind, programme=None, track="", category=None, language="", event_kind=""):
    if kind == Alert.Kind.PROGRAMME:
        return f"programme:{programme.translation_key}"
    if kind == Alert.Kind.CATEGORY:
        return f"category:{category.translation_key}"
    if kind == Alert.Kind.EVENTS:
        return f"events:{language}:{event_kind}" if event_kind else f"events:{language}"
    return f"track:{language}:{track}"


class KnownProgramme(models.Model):
    """Whether a programme was announced (no mechanism) when last published, so that the publish
    that brings its mechanism is told to those waiting for it, once."""

    translation_key = models.UUIDField(unique=True)
    announced = models.BooleanField()

    def __str__(self):
        return f"{self.translation_key} ({'announced' if self.announced else 'known'})"
