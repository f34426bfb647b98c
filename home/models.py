import re

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Page,
    PageManager,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.digits import to_latin_digits
from home.indexing import AnalysedSearch
from home.lookups import (
    active_locale,
    localized,
    private_pages,
    setting_for_request,
    view_restrictions,
)

from .blocks import BodyBlock
from .outbox import OutgoingEmail  # noqa: F401 - the outbox's model lives with its logic
from .workers import WorkerHeartbeat  # noqa: F401 - likewise the worker's heartbeat


class PublicPages(PageQuerySet):
    """Page querysets whose `public()` reads the privacy rules once per request (home.lookups)."""

    def private_q(self):
        return private_pages()


class BasePage(AnalysedSearch, Page):
    """What every public page has: a summary for listings, search results and meta description."""

    objects = PageManager.from_queryset(PublicPages)()

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences shown in listings, search results and link previews."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    # Text is translated; the slug stays shared so a page has the same address in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        SynchronizedField("slug", overridable=True),
        SynchronizedField("show_in_menus", overridable=False),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_view_restrictions(self):
        return view_restrictions(self, super().get_view_restrictions)

    @property
    def localized_draft(self):
        # Wagtail's, with the active locale remembered (`localized` reads this one).
        return localized(self, draft=True)


class HomePage(BasePage):
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("hero image alternative text"), max_length=250, blank=True)
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("hero button text"), max_length=80, blank=True)
    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
        SynchronizedField("hero_link", overridable=False),
        TranslatableField("hero_link_label"),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """About, privacy policy, accessibility statement, terms of use..."""

    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


def public(pages):
    """The live pages of a queryset outside private sections, as Wagtail's `live().public()`,
    with the privacy rules read once per request. Search filters no further: the index knows no
    expiry date."""
    return pages.live().exclude(private_pages())


def visible(pages):
    """The pages of a queryset a visitor may see now: live, public, not past their expiry date
    (the scheduler unpublishes them later, maybe hours later)."""
    return public(pages).filter(
        models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=timezone.now())
    )


def visible_pages():
    """Every page a visitor may see now, in every language: what the sitemap lists."""
    return visible(Page.objects)


class SiteSetting(BaseSiteSetting):
    """Settings of a site that every page reads: once per request, from the cache."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        wagtails = super().for_request
        return setting_for_request(cls, request, lambda: wagtails(request))


@register_setting(icon="site")
class SiteSettings(SiteSetting):
    """Contact details, social links and legal pages shown in every footer."""

    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How Arabic pages write numbers and dates (home/numerals.py): one style on every page.
    arabic_digits = models.CharField(
        _("digits on Arabic pages"),
        max_length=16,
        choices=[
            ("latin", _("Latin digits (0 1 2 3)")),
            ("arabic-indic", _("Arabic-Indic digits (٠ ١ ٢ ٣)")),
        ],
        default="latin",
        help_text=_("Every number of the Arabic pages, charts and key figures included."),
    )
    arabic_months = models.CharField(
        _("month names on Arabic pages"),
        max_length=16,
        choices=[
            ("transliterated", _("January, February... (يناير، فبراير)")),
            ("levantine", _("Kanun al-Thani, Shubat... (كانون الثاني، شباط)")),
        ],
        default="transliterated",
    )
    data_licence = models.CharField(
        _("open data licence"),
        max_length=120,
        default="CC BY 4.0",
        help_text=_("The licence of the figures published as CSV and JSON."),
    )
    data_licence_url = models.URLField(
        _("open data licence address"),
        blank=True,
        default="https://creativecommons.org/licenses/by/4.0/",
    )

    @property
    def phone_link(self):
        """The phone as a `tel:` address a phone dials: Latin digits and a leading +, without the
        spaces and dashes written for reading (RFC 3966)."""
        return "tel:" + re.sub(r"[^\d+]", "", to_latin_digits(self.phone))

    panels = [
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("telegram_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("terms_page"),
            ],
            heading=_("Legal pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("arabic_digits"), FieldPanel("arabic_months")],
            heading=_("Numbers and dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("data_licence"), FieldPanel("data_licence_url")],
            heading=_("Open data"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        names = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
            ("Telegram", self.telegram_url),
        ]
        return [(name, url) for name, url in names if url]

    @cached_property
    def legal_pages(self):
        """The live legal pages, each in the reader's language when translated (two queries)."""
        ids = [self.privacy_page_id, self.accessibility_page_id, self.terms_page_id]
        chosen = Page.objects.live().filter(pk__in=[i for i in ids if i]).select_related("locale")
        locale = active_locale()
        keys = {page.translation_key: page for page in chosen}
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
        }
        by_id = {page.pk: translated.get(page.translation_key, page) for page in chosen}
        return [by_id[i] for i in ids if i in by_id]


class ModeratedSnippet(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """A translatable snippet whose changes wait for a moderator, as a page's do.

    A translator's translation is saved as a draft revision and submitted to the moderation
    workflow; visitors keep seeing the live row (or the source, for a first translation) until a
    moderator approves it. `live_translations` is how pages read them."""

    # Deleting a snippet deletes its revisions and workflow states, as Wagtail's own models do.
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True


@register_snippet
class FooterText(PreviewableMixin, ModeratedSnippet):
    """The footer's words (address, who runs the programme), one per language."""

    body = RichTextField(_("footer text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return str(_("Footer text"))

    def get_preview_template(self, request, mode_name):
        return "includes/footer_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"footer_text": self.body}
