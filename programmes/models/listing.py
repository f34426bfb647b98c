"""The listings: all programmes with their filters and status, the partners' directory, and
the open and coming programmes the home page shows."""

from django.db import models
from django.db.models import Case, F, Q, TextField, When
from django.db.models.functions import Cast, Length
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.models import BasePage
from home.pagination import paginate

from .. import status
from .programme import ProgrammePage
from .snippets import (
    LIST_FEATURES,
    Partner,
    Region,
    TargetGroup,
    localized,
    site_today,
    source_language_only,
)


class ProgrammeIndexPage(BasePage):
    """All programmes of one language, filterable without JavaScript."""

    intro = RichTextField(_("introduction"), blank=True, features=LIST_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme index")

    def programmes(self):
        return ProgrammePage.objects.descendant_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ProgrammeFilters(self, request.GET)
        page_obj = paginate(request, filters.apply(self.programmes()))
        programmes = list(page_obj)
        groups = localized(
            {g.pk: g for p in programmes for g in p.target_groups.all()}.values(), self.locale_id
        )
        by_key = {g.translation_key: g for g in groups}
        today = site_today()
        for programme in programmes:
            programme.shown_groups = [
                by_key.get(g.translation_key, g) for g in programme.target_groups.all()
            ]
            programme.current_status = programme.status(today)
        context.update(filters=filters, page_obj=page_obj, programmes=programmes)
        return context


class ProgrammeFilters:
    """The listing's GET filters. Values that match nothing known are ignored, never an error."""

    def __init__(self, index_page, params):
        self.locale_id = index_page.locale_id
        self.tracks = sorted(
            set(
                index_page.programmes().exclude(track="").values_list("track", flat=True).distinct()
            )
        )
        self.regions = self._choices(Region)
        self.groups = self._choices(TargetGroup)
        self.statuses = list(STATUS_LABELS.items())

        def pick(name, known):
            value = params.get(name, "")
            return value if value in known else ""

        self.track = pick("track", self.tracks)
        self.status = pick("status", status.STATUSES)
        self.region = pick("region", {r.slug for r in self.regions})
        self.group = pick("group", {g.slug for g in self.groups})

    def _choices(self, model):
        """Choices in the page's language, each in the source language until translated."""
        return localized(model.objects.filter(source_language_only()), self.locale_id)

    @property
    def active(self):
        return any((self.track, self.status, self.region, self.group))

    def apply(self, programmes):
        if self.track:
            programmes = programmes.filter(track=self.track)
        if self.region:
            programmes = programmes.filter(regions__slug=self.region)
        if self.group:
            programmes = programmes.filter(target_groups__slug=self.group)
        programmes = with_status(programmes, site_today())
        if self.status:
            programmes = programmes.filter(status_rank=STATUS_RANKS[self.status])
        return (
            programmes.distinct()
            .order_by(
                "status_rank",
                F("open_order").asc(nulls_last=True),
                F("upcoming_order").asc(nulls_last=True),
                F("closed_order").desc(nulls_last=True),
                "title",
            )
            .prefetch_related("target_groups")
        )


STATUS_RANKS = {status.OPEN: 0, status.UPCOMING: 1, status.ANNOUNCED: 2, status.CLOSED: 3}
STATUS_LABELS = {
    status.OPEN: _("Open"),
    status.UPCOMING: _("Upcoming"),
    status.ANNOUNCED: _("Announced"),
    status.CLOSED: _("Closed"),
}


def status_label(programme):
    """Whether `programme` takes applications today, in the reader's language (search results)."""
    return str(STATUS_LABELS[programme.status()])


def with_status(programmes, today):
    """Annotate the status (as a rank: open, upcoming, announced, closed) and the date each sorts
    by: open ones closing soonest first, upcoming ones opening soonest, closed ones latest first.
    The same rules as status.programme_status, in SQL: no joining steps ("[]" as text), or no
    date at all, is announced."""
    return (
        programmes.annotate(steps_length=Length(Cast("joining_steps", TextField())))
        .annotate(
            status_rank=Case(
                When(Q(opens__isnull=True, closes__isnull=True) | Q(steps_length__lte=2), then=2),
                When(opens__gt=today, then=1),
                When(closes__lt=today, then=3),
                default=0,
                output_field=models.IntegerField(),
            )
        )
        .annotate(
            open_order=Case(When(status_rank=0, then=F("closes"))),
            upcoming_order=Case(When(status_rank=1, then=F("opens"))),
            closed_order=Case(When(status_rank=3, then=F("closes"))),
        )
    )


class PartnerIndexPage(BasePage):
    """The partners directory, filterable by kind."""

    intro = RichTextField(_("introduction"), blank=True, features=LIST_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partners directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kinds = Partner.Kind.choices
        kind = request.GET.get("kind", "")
        if kind not in dict(kinds):
            kind = ""
        partners = Partner.objects.filter(source_language_only()).select_related("logo")
        if kind:
            partners = partners.filter(kind=kind)
        shown = sorted(
            localized(partners, self.locale_id, select_related=["logo"]), key=lambda p: p.name
        )
        context.update(kinds=kinds, kind=kind, page_obj=paginate(request, shown, per_page=24))
        return context


def programmes_open_in(locale: Locale, limit):
    """Open programmes in a language, closing soonest first: the home page's teaser."""
    today = site_today()
    programmes = with_status(
        ProgrammePage.objects.live().public().filter(locale=locale), today
    ).filter(status_rank=STATUS_RANKS[status.OPEN])
    return programmes.order_by(F("closes").asc(nulls_last=True), "title")[:limit]


def programmes_coming_in(locale: Locale, limit):
    """Upcoming programmes (opening soonest first), then announced ones: the home page's "coming
    soon", each with its status."""
    today = site_today()
    programmes = with_status(
        ProgrammePage.objects.live().public().filter(locale=locale), today
    ).filter(status_rank__in=[STATUS_RANKS[status.UPCOMING], STATUS_RANKS[status.ANNOUNCED]])
    return programmes.order_by("status_rank", F("opens").asc(nulls_last=True), "title")[:limit]
