from functools import cached_property, partial

from django import forms
from django.utils.translation import gettext_lazy as _

from home.addresses import EmailAddressField
from home.lookups import active_locale
from news.models import EventIndexPage, NewsCategory
from programmes.models import ProgrammePage
from programmes.models.listing import programmes_coming_in
from programmes.status import ANNOUNCED, UPCOMING

from .models import EVERY_NEW_EVENT, NEW_EVENTS_OF_KIND, Alert

# The target of an alert about every new event (the others name their kind).
EVERY_EVENT = "all"


class AlertForm(forms.Form):
    """An address and what to be told about: `kind` and `target`, set by the page the form is
    on, or `choice`, one of what can be followed (`followable`), when the visitor came without
    them or what they named is gone. `website` is a honeypot: hidden from people, filled by
    robots that fill every field."""

    email = EmailAddressField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as name@example.org."),
        },
    )
    kind = forms.ChoiceField(choices=Alert.Kind.choices, required=False, widget=forms.HiddenInput)
    target = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("What would you like to be told about?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("This is no longer offered. Choose again.")},
    )
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        # Read only when the choice is shown or checked, not for a page's own form.
        self.fields["choice"].choices = partial(followable, language)

    @property
    def chooses(self):
        """Whether the visitor chooses what to follow: the page named nothing, or what it named
        is gone."""
        if not self.is_bound:
            return self.named[0] is None
        named = self.data.get("kind") and self.data.get("target")
        return not named or "subject" not in getattr(self, "cleaned_data", {})

    @property
    def is_robot(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        kind, target = cleaned.get("kind"), cleaned.get("target", "")
        if not (kind and target):
            if not cleaned.get("choice"):
                if "choice" not in self.errors:
                    self.add_error("choice", _("Choose what you would like to be told about."))
                return cleaned
            kind, target = cleaned["choice"].split(":", 1)
            cleaned.update(kind=kind, target=target)
        cleaned["subject"] = subject_of(kind, target, self.language)
        return cleaned

    @cached_property
    def named(self):
        """What the link this page was opened from names: (its subject, "") or (None, why it
        cannot be followed); (None, "") when it names nothing. Looked up once per page."""
        kind, target = self.initial.get("kind"), str(self.initial.get("target", ""))
        try:
            return subject_of(kind, target, self.language), ""
        except forms.ValidationError as error:
            return None, error.messages[0] if (kind or target) else ""

    @property
    def gone(self):
        """Why what the link named cannot be followed (it opened, or no longer exists); "" when
        it named nothing or can be followed, and once the form is sent."""
        return "" if self.is_bound else self.named[1]

    @property
    def about(self):
        """What the alert asked for is about, as the page names it: {"kind", "name", "url"}, or
        None when it no longer exists."""
        if self.is_bound:
            subject = getattr(self, "cleaned_data", {}).get("subject")
        else:
            subject = self.named[0]
        if not subject:
            return None
        if subject["programme"] is not None:
            programme = subject["programme"]
            return {
                "kind": Alert.Kind.PROGRAMME.label,
                "name": programme.title,
                "url": programme.url,
            }
        if subject["category"] is not None:
            return {"kind": Alert.Kind.CATEGORY.label, "name": subject["category"].name, "url": ""}
        if subject["track"]:
            return {"kind": Alert.Kind.TRACK.label, "name": subject["track"], "url": ""}
        events = events_index(self.language)
        url = events.url if events else ""
        name = NEW_EVENTS_OF_KIND.get(subject["event_kind"], EVERY_NEW_EVENT)
        return {"kind": Alert.Kind.EVENTS.label, "name": name, "url": url}


def subject_of(kind, target, language):
    """{"programme", "track", "category", "event_kind"} of an alert asked for, one of the first
    three set, or none for the events of the language (all of them, or of `event_kind`); a
    ValidationError when it no longer exists (or never did)."""
    gone = forms.ValidationError(_("This alert no longer exists."), code="subject")
    # A NUL is never typed, and PostgreSQL refuses it in a query.
    if not kind or not target or "\x00" in target:
        raise gone
    subject = {"programme": None, "track": "", "category": None, "event_kind": ""}
    if kind == Alert.Kind.PROGRAMME:
        programme = (
            ProgrammePage.objects.live().public().filter(pk=target).first()
            if target.isdigit()
            else None
        )
        if programme is None or programme.status() not in (ANNOUNCED, UPCOMING):
            raise forms.ValidationError(
                _("Alerts are offered for programmes that have not opened yet."),
                code="subject",
            )
        subject["programme"] = found = programme
    elif kind == Alert.Kind.TRACK:
        programmes = ProgrammePage.objects.live().filter(locale__language_code=language)
        found = programmes.filter(track=target).exists()
        subject["track"] = target
    elif kind == Alert.Kind.CATEGORY:
        found = NewsCategory.objects.filter(pk=target).first() if target.isdigit() else None
        subject["category"] = found
    elif kind == Alert.Kind.EVENTS:
        found = events_index(language) and (target == EVERY_EVENT or target in NEW_EVENTS_OF_KIND)
        subject["event_kind"] = "" if target == EVERY_EVENT else target
    else:
        found = None
    if not found:
        raise gone
    return subject


def followable(language):
    """What the visitor may choose to follow, grouped as the choice shows it: the programmes
    not open yet, the tracks, the news categories and the events of the language."""
    locale = active_locale()
    programmes = [
        (f"{Alert.Kind.PROGRAMME}:{programme.pk}", programme.title)
        for programme in programmes_coming_in(locale, None)
    ]
    tracks = [
        (f"{Alert.Kind.TRACK}:{track}", track)
        for track in ProgrammePage.objects.live()
        .filter(locale__language_code=language)
        .exclude(track="")
        .order_by("track")
        .values_list("track", flat=True)
        .distinct()
    ]
    categories = [
        (f"{Alert.Kind.CATEGORY}:{category.pk}", category.name)
        for category in NewsCategory.objects.filter(locale=locale)
    ]
    events = event_choices() if events_index(language) else []
    groups = [
        (_("Programmes not open yet"), programmes),
        (_("Programme tracks"), tracks),
        (_("News categories"), categories),
        (Alert.Kind.EVENTS.label, [(f"{Alert.Kind.EVENTS}:{key}", name) for key, name in events]),
    ]
    return [(label, choices) for label, choices in groups if choices]


def event_choices():
    """(target, name) of what an alert about events may follow: every new event, or one kind.
    Among the kinds, "every new event" needs no list of them (its subject, EVERY_NEW_EVENT,
    does, alone in a list of alerts)."""
    return [(EVERY_EVENT, _("Every new event")), *NEW_EVENTS_OF_KIND.items()]


def events_index(language):
    """The events index of the language, whose new events an alert may follow; None if none."""
    return EventIndexPage.objects.live().public().filter(locale__language_code=language).first()
