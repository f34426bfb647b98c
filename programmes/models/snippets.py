"""What programmes are made of: the snippets editors choose (regions, target groups, partners,
eligibility criteria), and the helpers that show each in the reader's language."""

import zoneinfo

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching import remember
from home.indexing import AnalysedSearch
from home.models import ModeratedSnippet

LIST_FEATURES = ["bold", "italic", "ul", "ol", "link"]


def site_today():
    """Today's date where the programme runs (settings.TIME_ZONE), whoever is asking."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def source_language_only():
    """Pages link the source-language snippet; each language shows that snippet's translation."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def localized(objects, locale_id, select_related=()):
    """Translatable snippets in the given locale where a published translation exists, in one
    query; the source stands in for a translation still waiting for a moderator."""
    objects = [obj for obj in objects if obj is not None]
    foreign = [obj for obj in objects if obj.locale_id != locale_id]
    if not foreign:
        return objects
    translations = {
        obj.translation_key: obj
        for obj in type(foreign[0])
        .objects.filter(
            locale_id=locale_id,
            translation_key__in=[obj.translation_key for obj in foreign],
            live=True,
        )
        .select_related(*select_related)
    }
    return [
        obj if obj.locale_id == locale_id else translations.get(obj.translation_key, obj)
        for obj in objects
    ]


class NamedSnippet(index.Indexed, ModeratedSnippet):
    """A named thing a programme serves, with a slug shared by its translations for filters."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in filter addresses; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Region(NamedSnippet):
    """A governorate or region a programme serves."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_locale")
        ]


@register_snippet
class TargetGroup(NamedSnippet):
    """Who a programme is for: youth, women, associations, universities..."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_target_group_slug_locale"
            )
        ]


@register_snippet
class Partner(AnalysedSearch, ModeratedSnippet):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        INTERNATIONAL = "international", _("International")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), blank=True, max_length=500)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("logo", overridable=False),
        SynchronizedField("website", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug_locale")
        ]

    def __str__(self):
        return self.name

    def get_url(self, request=None):
        """The partner's card in the directory of its language (for search results)."""
        # The directory is a page of listing.py, which builds on these snippets.
        directories = apps.get_model("programmes", "PartnerIndexPage").objects.live()
        directory = remember(
            f"partner-directory:{self.locale_id}",
            lambda: directories.filter(locale_id=self.locale_id).select_related("locale").first(),
        )
        if directory is None:
            return None
        return f"{directory.get_url(request)}?kind={self.kind}#partner-{self.slug}"


@register_snippet
class EligibilityCriterion(index.Indexed, ModeratedSnippet):
    """One condition for joining, written once and reused by every programme it applies to."""

    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        PREFERRED = "preferred", _("Preferred")

    text = models.CharField(_("criterion"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REQUIRED)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Why it is asked for, or how it is checked.")
    )
    question = models.CharField(
        _("question for the visitor"),
        max_length=300,
        blank=True,
        help_text=_(
            'A yes/no question for the "Am I eligible?" check; answering yes means the '
            "criterion is met. Leave empty when only the programme team can judge it."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("explanation"),
        FieldPanel("question"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("explanation"),
        index.SearchField("question"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("explanation"),
        TranslatableField("question"),
        SynchronizedField("kind", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["text"]

    def __str__(self):
        return self.text

    @property
    def required(self):
        return self.kind == self.Kind.REQUIRED
