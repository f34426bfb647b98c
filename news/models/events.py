"""Events: the upcoming and past lists with their calendar feed, and an event page with when and
where it happens and how to register."""

import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.caching import remembered_for_page
from home.lookups import localized
from home.models import BasePage, PublicPages, visible
from home.numerals import written_moment
from home.pagination import paginate
from home.structured_data import json_ld

from .. import calendar
from ..dates import ZONE_NAMES, zone_name
from .news import _publisher, is_visible


class EventQuerySet(PublicPages):
    def upcoming(self):
        """Events not over yet (one happening now included), soonest first."""
        return self.filter(ends__gte=timezone.now()).order_by("starts", "pk")

    def past(self):
        return self.filter(ends__lt=timezone.now()).order_by("-starts", "-pk")


def default_time_zone():
    return settings.TIME_ZONE


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."))


def time_zone_choices():
    """The zones named as people say them (the region's) first, in the editor's language, then
    every zone of the tz database by its name. Kept out of the field (and its migrations): the
    list follows the installed tz database."""
    named = [
        (key, format_lazy("{} ({})", name, key)) for key, name in ZONE_NAMES.items() if key != "UTC"
    ]
    every = [(key, key) for key in sorted(zoneinfo.available_timezones() - {"localtime"})]
    return [(_("The region"), named), (_("Every time zone"), every)]


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events, past events, and an iCalendar feed of the upcoming ones."""

    per_page = 12

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        return event_queryset().child_of(self)

    @path("")
    def upcoming(self, request):
        return self._listing(request, self.events().upcoming(), past=False)

    @path("past/", name="past")
    def past(self, request):
        return self._listing(request, self.events().past(), past=True)

    def _listing(self, request, events, past):
        # Remembered for a few minutes at most (home/caching.py): an event that ends meanwhile
        # stays among the upcoming ones that long, as on a cached page.
        name = f"events:{self.pk}:{past}"
        page_obj = paginate(request, events, self.per_page, remembered_as=name)
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "items": page_obj.object_list, "past": past},
        )

    @path("ics/", name="ics")
    def ics(self, request):
        events = list(self.events().upcoming()[:500])
        return calendar.response(events, request, name=self.title)


def zone_or_site(key):
    """The time zone named `key`, or the site's when it names none."""
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class EventPageForm(WagtailAdminPageForm):
    """Start, end and registration deadline are typed, and shown in the editor, in the event's
    own time zone, not the editor's: 10:00 for a workshop in Casablanca is 10:00 in Casablanca."""

    MOMENTS = ("starts", "ends", "registration_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_or_site(self.instance.time_zone)
        for name in self.MOMENTS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone = zone_or_site(cleaned_data.get("time_zone") or self.instance.time_zone)
        for name in self.MOMENTS:
            value = cleaned_data.get(name)
            if value is not None:
                # Read in the editor's time zone: the hour as typed, placed in the event's.
                cleaned_data[name] = timezone.make_naive(value).replace(tzinfo=zone)
        return cleaned_data


class EventPage(RoutablePageMixin, BasePage):
    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        HACKATHON = "hackathon", _("Hackathon")
        MEETING = "meeting", _("Meeting")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Start and end are entered and shown in this time zone."),
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    place = models.CharField(
        _("place"), max_length=250, blank=True, help_text=_("Venue and address.")
    )
    region = models.CharField(_("region"), max_length=120, blank=True)
    online_url = models.URLField(_("meeting link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Registration closes at this time; when empty, when the event starts."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_(
            "Once every place is taken, visitors may join a waiting list; a cancelled place goes "
            "to the first person waiting."
        ),
    )
    registration_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("registration form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The form page where visitors register for this event."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("featured image alternative text"), max_length=250, blank=True)
    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices())),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("place"),
                FieldPanel("region"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_page"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("region"),
        index.FilterField("starts"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("kind", overridable=False),
        SynchronizedField("starts", overridable=False),
        SynchronizedField("ends", overridable=False),
        SynchronizedField("time_zone", overridable=False),
        SynchronizedField("attendance", overridable=False),
        TranslatableField("place"),
        TranslatableField("region"),
        SynchronizedField("online_url", overridable=False),
        SynchronizedField("capacity", overridable=False),
        SynchronizedField("registration_page", overridable=False),
        SynchronizedField("registration_deadline", overridable=False),
        SynchronizedField("waiting_list", overridable=False),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        indexes = [models.Index(fields=["starts", "page_ptr"], name="event_starts_order")]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = _("The event cannot end before it starts.")
        if self.attendance != self.Attendance.IN_PERSON and not self.online_url:
            errors["online_url"] = _("Give the meeting link for an online event.")
        if self.attendance != self.Attendance.ONLINE and not self.place.strip():
            errors["place"] = _("Give the place of an event held in person.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.registration_deadline and self.starts and self.registration_deadline > self.starts:
            errors["registration_deadline"] = _("Registration must close before the event starts.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def zone(self):
        return zone_or_site(self.time_zone)

    @property
    def local_starts(self):
        return timezone.localtime(self.starts, self.zone)

    @property
    def local_ends(self):
        return timezone.localtime(self.ends, self.zone)

    def written(self, moment):
        """A moment of the event written where it happens: "10 فبراير 2030 · 13:00 (بتوقيت
        دمشق)"."""
        with timezone.override(self.zone):
            return f"{written_moment(moment)} ({zone_name(timezone.localtime(moment))})"

    def written_start(self):
        return self.written(self.starts)

    @property
    def is_past(self):
        return self.ends < timezone.now()

    @property
    def in_person(self):
        return self.attendance != self.Attendance.ONLINE

    @property
    def online(self):
        return self.attendance != self.Attendance.IN_PERSON

    @property
    def registration_closes(self):
        """When registration closes: the deadline, else the start of the event."""
        return self.registration_deadline or self.starts

    @cached_property
    def registration(self):
        """The registration form page in the reader's language, when anyone may see it (read
        once until the content changes: the page's template asks more than once)."""

        def find():
            page = localized(self.registration_page)
            return page.specific if page is not None and is_visible(page) else None

        return remembered_for_page(self, "event-registration", find)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        registration = self.registration
        form_page = (
            registration is not None
            and registration.specific_class.__name__ == "ApplicationFormPage"
        )
        if form_page and not self.is_past:
            # Registration happens here: the form page's form, posting to the form page.
            block = self.body.stream_block.child_blocks["form"]
            # Rendered apart from the page's template: the form needs the CSRF token given.
            context["registration_form"] = block.render(
                block.normalize({"form_page": registration, "heading": ""}),
                context={"request": request, "csrf_token": get_token(request)},
            )
        return context

    @path("ics/", name="ics")
    def ics(self, request):
        return calendar.response([self], request, name=self.title, filename=self.slug)

    def json_ld(self, request=None):
        modes = {
            self.Attendance.IN_PERSON: "OfflineEventAttendanceMode",
            self.Attendance.ONLINE: "OnlineEventAttendanceMode",
            self.Attendance.HYBRID: "MixedEventAttendanceMode",
        }
        locations = []
        if self.in_person:
            place = {"@type": "Place", "name": self.place, "address": self.place}
            if self.region:
                place["address"] = {
                    "@type": "PostalAddress",
                    "streetAddress": self.place,
                    "addressRegion": self.region,
                }
            locations.append(place)
        if self.online:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.local_starts.isoformat(),
            "endDate": self.local_ends.isoformat(),
            "eventAttendanceMode": f"https://schema.org/{modes[self.attendance]}",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": locations[0] if len(locations) == 1 else locations,
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "organizer": _publisher(),
        }
        if self.summary:
            data["description"] = self.summary
        if self.capacity:
            data["maximumAttendeeCapacity"] = self.capacity
        if self.image_id and request is not None:
            data["image"] = request.build_absolute_uri(self.image.get_rendition("width-1200").url)
        return json_ld(data)


def event_queryset():
    return visible(EventPage.objects).select_related("locale")
