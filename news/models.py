import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.models import BasePage, ModeratedSnippet, visible
from home.pagination import paginate
from home.structured_data import json_ld

from . import calendar, feeds


@register_snippet
class NewsCategory(ModeratedSnippet):
    """A subject news are filed under (training, partnerships...), named in each language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        blank=True,
        help_text=_("Used in filter links and feed addresses; made from the name when empty."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:80] or "category"
        super().save(*args, **kwargs)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items")


def _publisher():
    return {"@type": "GovernmentOrganization", "name": str(settings.WAGTAIL_SITE_NAME)}


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news of one language: a filterable list, and RSS and Atom feeds of the same list."""

    per_page = 12

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def news(self):
        return news_queryset().child_of(self)

    @path("")
    def listing(self, request):
        from .listing import NewsFilters

        filters = NewsFilters(request.GET, self)
        page_obj = paginate(request, filters.apply(self.news()), self.per_page)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": page_obj,
                "items": page_obj.object_list,
                "feed_query": filters.feed_query(),
            },
        )

    @path("rss/", name="rss")
    def rss(self, request):
        return feeds.response(self, request, feeds.RSS)

    @path("atom/", name="atom")
    def atom(self, request):
        return feeds.response(self, request, feeds.ATOM)


class NewsPage(BasePage):
    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("kind of news item", "News")
        ANNOUNCEMENT = "announcement", pgettext_lazy("kind of news item", "Announcement")
        PRESS_RELEASE = "press_release", pgettext_lazy("kind of news item", "Press release")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_(
            "The date readers see. An item dated in the future stays out of lists and feeds "
            "until that day; to hide the page itself until then, set a go-live date."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("featured image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading=_("Filing")),
        InlinePanel("related_programmes", label=_("Related programmes")),
        InlinePanel("related_news", label=_("Related news")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    # Tags are copied when a page is translated, then kept per language.
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("kind", overridable=False),
        SynchronizedField("date", overridable=False),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
        TranslatableField("category"),
        SynchronizedField("related_programmes", overridable=False),
        SynchronizedField("related_news", overridable=False),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        # Lists and the home page read the newest few: without it, every list sorts all news.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_date_order")]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )

    # Plain values for the content import, which compares and sets fields by name.
    @property
    def tag_names(self):
        return sorted(tag.name for tag in self.tags.all())

    @tag_names.setter
    def tag_names(self, names):
        self.tags.set(names, clear=True)

    @property
    def category_name(self):
        return self.category.name if self.category else ""

    @category_name.setter
    def category_name(self, name):
        if not name:
            self.category = None
            return
        category = NewsCategory.objects.filter(locale_id=self.locale_id, name=name).first()
        self.category = category or NewsCategory.objects.create(locale_id=self.locale_id, name=name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_programmes"] = _live_targets(self.related_programmes.all())
        context["related_news"] = _live_targets(self.related_news.all())
        context["index"] = self.get_parent().specific
        context["json_ld"] = self.json_ld(request)
        return context

    def json_ld(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "datePublished": self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "publisher": _publisher(),
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.summary:
            data["description"] = self.summary
        if self.image_id and request is not None:
            data["image"] = request.build_absolute_uri(self.image.get_rendition("width-1200").url)
        return json_ld(data)


def _live_targets(links):
    """The linked pages in the reader's language, leaving out any not (or no longer) public."""
    pages = [link.page.localized for link in links.select_related("page") if link.page]
    return [page.specific for page in pages if is_visible(page)]


def is_visible(page):
    """Live and not past its expiry date (the scheduler unpublishes it later, maybe hours later)."""
    return page.live and not (page.expire_at and page.expire_at <= timezone.now())


class RelatedProgramme(Orderable):
    source = ParentalKey(NewsPage, related_name="related_programmes")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("page")]


class RelatedNews(Orderable):
    source = ParentalKey(NewsPage, related_name="related_news")
    page = models.ForeignKey(
        NewsPage, verbose_name=_("news page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


class EventQuerySet(PageQuerySet):
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
    # Kept out of the field (and its migrations): the list follows the installed tz database.
    return [(name, name) for name in sorted(zoneinfo.available_timezones() - {"localtime"})]


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
        page_obj = paginate(request, events, self.per_page)
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "items": page_obj.object_list, "past": past},
        )

    @path("ics/", name="ics")
    def ics(self, request):
        events = list(self.events().upcoming()[:500])
        return calendar.response(events, request, name=self.title)


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
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def local_starts(self):
        return timezone.localtime(self.starts, self.zone)

    @property
    def local_ends(self):
        return timezone.localtime(self.ends, self.zone)

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

    @property
    def registration(self):
        page = self.registration_page
        if page is None:
            return None
        page = page.localized
        return page if is_visible(page) else None

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
                block.to_python({"form_page": registration.pk, "heading": ""}),
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


@register_setting(icon="date")
class NewsSettings(BaseSiteSetting):
    show_hijri_dates = models.BooleanField(
        _("show Hijri dates"),
        default=False,
        help_text=_("Show the Hijri date beside the Gregorian date of news and events."),
    )

    panels = [FieldPanel("show_hijri_dates")]

    class Meta:
        verbose_name = _("news and events settings")


def news_queryset():
    """News a visitor may see now, newest first; an item dated in the future waits for its day."""
    return (
        visible(NewsPage.objects)
        .filter(date__lte=timezone.localdate())
        .select_related("category", "locale")
        .order_by("-date", "-pk")
    )


def event_queryset():
    return visible(EventPage.objects).select_related("locale")
