"""The listings: all programmes with their filters and status, the partners' directory, and
the open and coming programmes the home page shows."""

from django.db.models import F
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.caching import remember
from home.models import BasePage
from home.pagination import paginate

from .. import status
from ..filters import STATUS_LABELS, STATUS_RANKS, ProgrammeFilters, with_status
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
        today = site_today()
        filters = ProgrammeFilters(
            request.GET,
            self.programmes(),
            today=today,
            tracks=remember(f"programme-tracks:{self.pk}", self.tracks),
            regions=remember(f"programme-regions:{self.pk}", lambda: self.offered(Region)),
            groups=remember(f"programme-groups:{self.pk}", lambda: self.offered(TargetGroup)),
        )
        page_obj = paginate(
            request, filters.qs, remembered_as=f"programmes:{self.pk}{filters.query_string}"
        )
        # Read only when the list is rendered: the template remembers it (`{% remembered %}`).
        programmes = SimpleLazyObject(lambda: self.shown(page_obj, today))
        context.update(filters=filters, page_obj=page_obj, programmes=programmes)
        return context

    def shown(self, page_obj, today):
        """The programmes of the page, each with its status and its target groups in the page's
        language."""
        programmes = list(page_obj)
        groups = localized(
            {g.pk: g for p in programmes for g in p.target_groups.all()}.values(), self.locale_id
        )
        by_key = {g.translation_key: g for g in groups}
        for programme in programmes:
            programme.shown_groups = [
                by_key.get(g.translation_key, g) for g in programme.target_groups.all()
            ]
            programme.current_status = programme.status(today)
        return programmes

    def tracks(self):
        return sorted(set(self.programmes().exclude(track="").values_list("track", flat=True)))

    def offered(self, model):
        """Regions or target groups in the page's language, each in the source language until
        translated: the listing's filters offer them."""
        return localized(model.objects.filter(source_language_only()), self.locale_id)


def status_label(programme):
    """Whether `programme` takes applications today, in the reader's language (search results)."""
    return str(STATUS_LABELS[programme.status()])


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
