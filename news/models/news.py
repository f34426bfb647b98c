"""The news: each language's list with its feeds, a news page with its related programmes and
news, and the news a visitor may see now."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.caching import remember, remembered_for_page
from home.models import BasePage, visible
from home.pagination import paginate
from home.structured_data import json_ld

from .. import feeds
from ..filters import NewsFilters
from .filing import NewsCategory, NewsPageTag


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

    def years(self):
        """The years with news, newest first, remembered until the content changes."""
        return remember(
            f"news-years:{self.pk}",
            lambda: [d.year for d in self.news().dates("date", "year", order="DESC")],
        )

    def filters(self, request):
        """The filters of the query string, the same for the list and its feeds."""
        return NewsFilters(
            request.GET,
            self.news(),
            kinds=NewsPage.Kind.choices,
            categories=remember(
                f"news-categories:{self.locale_id}",
                lambda: list(NewsCategory.objects.filter(locale_id=self.locale_id)),
            ),
            years=self.years(),
        )

    @path("")
    def listing(self, request):
        filters = self.filters(request)
        name = f"news:{self.pk}{filters.query_string}"
        page_obj = paginate(request, filters.qs, self.per_page, remembered_as=name)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": page_obj,
                "items": page_obj.object_list,
                "feed_query": filters.query_string,
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
        context.update(remembered_for_page(self, "news-surroundings", self.surroundings))
        context["json_ld"] = self.json_ld(request)
        return context

    def surroundings(self):
        """What the page shows from elsewhere: its section, category, tags, and the related
        programmes and news."""
        return {
            "index": self.get_parent().specific,
            "category": self.category,
            "tags": list(self.tags.all()),
            "related_programmes": _live_targets(self.related_programmes.all()),
            "related_news": _live_targets(self.related_news.all()),
        }

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


def news_queryset():
    """News a visitor may see now, newest first; an item dated in the future waits for its day."""
    return (
        visible(NewsPage.objects)
        .filter(date__lte=timezone.localdate())
        .select_related("category", "locale")
        .order_by("-date", "-pk")
    )
