"""The indicators page that charts the published indicators, and the survey results pages below
it."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage

from .. import views
from ..surveys import results_of
from .indicators import TEXT_FEATURES, published_indicators


class IndicatorIndexPage(RoutablePageMixin, BasePage):
    """The indicators page (/ar/indicators/): every published indicator charted; each indicator's
    own page, its CSV and JSON files, and the open-data page below it."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["indicators.SurveyResultsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indicators page")

    def indicators(self):
        return list(published_indicators(self.locale))

    def lists_something(self):
        """Its indicators are snippets, not pages under it: the menu offers it once one is
        published in its language."""
        return published_indicators(self.locale).exists()

    def find(self, slug):
        indicator = published_indicators(self.locale).filter(slug=slug).first()
        if indicator is None:
            raise Http404
        return indicator

    def indicator_url(self, indicator):
        return self.url + self.reverse_subpage("indicator", args=[indicator.slug])

    def route(self, request, path_components):
        """A page under this one (survey results) before an indicator of the same name."""
        if path_components and self.get_children().filter(slug=path_components[0]).exists():
            return super(RoutablePageMixin, self).route(request, path_components)
        return super().route(request, path_components)

    @path("")
    def index(self, request):
        return views.index(self, request)

    @path("data/", name="data")
    def data(self, request):
        return views.data_page(self, request)

    @path("<slug:slug>/", name="indicator")
    def indicator(self, request, slug):
        return views.indicator_page(self, request, self.find(slug))


class SurveyResultsPage(BasePage):
    """The published answers of a survey form: counts per choice and per governorate, never free
    text, never a group of fewer than five answers."""

    survey = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        PageChooserPanel("survey", page_type="applications.ApplicationFormPage"),
        FieldPanel("intro"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("survey", overridable=False),
    ]

    parent_page_types = ["indicators.IndicatorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey results page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results"] = results_of(self.survey)
        return context
