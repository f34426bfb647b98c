"""One search over every published page, used by the search page, suggestions and the API."""

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.functions import ExtractYear
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page

from search.analysis import analyse, normalise, terms

MAX_QUERY_LENGTH = 200
# Facet counts look at this many best results: plenty for a reader, bounded for the database.
FACET_WINDOW = 1000
VOCABULARY_CACHE_SECONDS = 60 * 60
_WORD = re.compile(r"\w+")


@dataclass
class Search:
    text: str
    language: str
    everywhere: bool = False
    content_type: int | None = None
    year: int | None = None
    terms: list = field(init=False)

    def __post_init__(self):
        self.text = self.text.strip()[:MAX_QUERY_LENGTH]
        self.terms = terms(self.text, self.language)

    @classmethod
    def from_request(cls, request, language):
        def number(name):
            value = request.GET.get(name, "")
            return int(value) if value.isdigit() and len(value) < 10 else None

        return cls(
            text=request.GET.get("q", ""),
            language=language,
            everywhere=request.GET.get("all") == "1",
            content_type=number("type"),
            year=number("year"),
        )

    def pages(self):
        pages = Page.objects.live().public()
        if not self.everywhere:
            pages = pages.filter(locale=Locale.get_active())
        return pages

    def picks(self):
        """Editors' picks for this query (Wagtail's search promotions), counted as a hit."""
        recorded = Query.get(self.text)
        recorded.add_hit()
        picks = recorded.editors_picks.select_related("page").order_by("sort_order")
        return [pick.page.specific for pick in picks if pick.page.live]

    def results(self, exclude=()):
        pages = self.pages().exclude(pk__in=[page.pk for page in exclude])
        if self.content_type:
            pages = pages.filter(content_type_id=self.content_type)
        if self.year:
            pages = pages.filter(first_published_at__year=self.year)
        return pages.specific().search(analyse(self.text, self.language), operator="or")

    def documents(self, limit=5):
        """The best matching documents anyone may download (none from restricted collections)."""
        restricted = set()
        for restriction in CollectionViewRestriction.objects.select_related("collection"):
            restricted.update(
                Collection.objects.descendant_of(
                    restriction.collection, inclusive=True
                ).values_list("pk", flat=True)
            )
        documents = get_document_model().objects.exclude(collection__in=restricted)
        return documents.search(analyse(self.text, self.language), operator="or")[:limit]

    def facets(self):
        """Counts by type and by year among the best results, whatever is filtered now."""
        matches = self.pages().search(analyse(self.text, self.language), operator="or")
        ids = [page.pk for page in matches[:FACET_WINDOW]]
        in_window = Page.objects.filter(pk__in=ids)
        types = Counter(in_window.values_list("content_type_id", flat=True))
        years = Counter(
            in_window.annotate(year=ExtractYear("first_published_at")).values_list(
                "year", flat=True
            )
        )
        return {
            "types": [
                (pk, ContentType.objects.get_for_id(pk).model_class()._meta.verbose_name, n)
                for pk, n in types.most_common()
            ],
            "years": sorted(((y, n) for y, n in years.items() if y), reverse=True),
        }

    def spelling(self):
        """For a query that found nothing: the closest words the site's titles and summaries use."""
        vocabulary = _vocabulary(self.language)
        suggestions = []
        for word in _WORD.findall(normalise(self.text)):
            if word in vocabulary:
                suggestions.append(word)
                continue
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
            suggestions.append(close[0] if close else word)
        suggestion = " ".join(suggestions)
        return suggestion if suggestion != " ".join(_WORD.findall(normalise(self.text))) else ""


def _vocabulary(language):
    """Every normalised word of the live titles and summaries in a language (cached)."""
    key = f"search-vocabulary-{language}"
    words = cache.get(key)
    if words is None:
        words = set()
        pages = Page.objects.live().public().filter(locale__language_code=language).specific()
        for page in pages.iterator(chunk_size=500):
            text = f"{page.title} {getattr(page, 'summary', '')}"
            words.update(word for word in _WORD.findall(normalise(text)) if len(word) > 2)
        words = sorted(words)
        cache.set(key, words, VOCABULARY_CACHE_SECONDS)
    return words


def forget_vocabulary(**kwargs):
    for code in Locale.objects.values_list("language_code", flat=True):
        cache.delete(f"search-vocabulary-{code}")
