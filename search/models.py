import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.indexing import AnalysedSearch
from home.storage import private_storage
from search.analysis import digest, guess_language


class SearchableDocument(AnalysedSearch, AbstractDocument):
    """A Wagtail document whose text (PDF, DOCX) is searchable, extracted in the background."""

    # Private storage: a document in a restricted collection must never have a public address,
    # and every document is served by Wagtail's permission-checked view anyway.
    file = models.FileField(_("file"), upload_to="documents", storage=private_storage)
    text = models.TextField(_("text"), blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    def search_language(self):
        # A document has no locale: its words are stemmed in the language they are written in.
        return guess_language(f"{self.title} {self.text}")

    search_fields = [*AbstractDocument.search_fields, index.SearchField("text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class SearchIndexState(models.Model):
    """What the search index was last built with (one row): the digest of the site's text
    analysis, written by `update_index`."""

    ONE = 1
    analysis = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.analysis[:12] or 'unknown'} ({self.built_at})"

    @classmethod
    def record(cls):
        cls.objects.update_or_create(
            pk=cls.ONE, defaults={"analysis": digest(), "built_at": timezone.now()}
        )


class UnansweredQuery(models.Model):
    """A search term that found nothing the last time someone typed it, or found pages without
    some of its words: content editors may add."""

    query = models.OneToOneField(Query, on_delete=models.CASCADE, related_name="unanswered")
    last_seen = models.DateTimeField(_("last searched"), auto_now=True)
    # Blank when nothing was found at all.
    words_not_found = models.CharField(_("words found nowhere"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("search with no result")
        verbose_name_plural = _("searches with no result")

    def __str__(self):
        return self.query.query_string

    @classmethod
    def record(cls, query, found, words_not_found=()):
        """`query`: the search promotions' query, or its text; `words_not_found`: the words typed
        that nothing holds, when something was found with the others."""
        if isinstance(query, str):
            query = Query.get(query)
        missing = " ".join(words_not_found)[:200]
        if found and not missing:
            # Most searches find something and were never unanswered: one read, no transaction.
            if cls.objects.filter(query=query).exists():
                cls.objects.filter(query=query).delete()
        else:
            cls.objects.update_or_create(query=query, defaults={"words_not_found": missing})


@register_snippet
class SynonymGroup(models.Model):
    """Words visitors use for the same thing, kept by editors: a query with one of them finds
    pages with any of them, on every backend (search/synonyms.py)."""

    words = models.CharField(
        _("words that mean the same"),
        max_length=500,
        help_text=_(
            "Separate them with “=”, e.g. حاسوب = كمبيوتر = جهاز, or الإسكوا = ESCWA. "
            "A group may mix languages; an entry may be several words."
        ),
    )

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def entries(self):
        return [entry.strip() for entry in re.split("[=،,\n]", self.words) if entry.strip()]

    def clean(self):
        if len(self.entries()) < 2:
            raise ValidationError(
                {"words": _("Write at least two words or phrases, separated by “=”.")}
            )
