"""One search over every published page, used by the search page, suggestions and the API."""

import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import ExtractYear
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page
from wagtail.search.backends import get_search_backend

from home.caching import remember
from search.analysis import analyse, normalise, terms
from search.indexing import AnalysedSearch

MAX_QUERY_LENGTH = 200
# The search page and its facet counts look at this many best matches: plenty for a reader (a
# hundred pages of results), bounded for the database.
WINDOW = 1000
VOCABULARY_CACHE_SECONDS = 60 * 60
_WORD = re.compile(r"\w+")


@dataclass
class Search:
    text: str
    language: str
    everywhere: bool = False
    content_type: int | None = None
    year: int | None = None
    track: str = ""
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
            track=request.GET.get("track", "")[:80],
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

    def results(self):
        """Every live page matching, best first, as a lazy search (suggestions, the API)."""
        return self.pages().specific().search(self._analysed, operator="or")

    @cached_property
    def _analysed(self):
        return analyse(self.text, self.language)

    def _remember(self, name, compute):
        """Kept until the content changes, as visitors often search for the same few words."""
        digest = hashlib.sha256(self._analysed.encode()).hexdigest()
        return remember(f"search-{name}:{self.language}:{self.everywhere}:{digest}", compute)

    @cached_property
    def best(self):
        """Ids of the best matches, best first: one search serves the results and the facets."""

        def look_up():
            matches = self.pages().search(self._analysed, operator="or")
            return [page.pk for page in matches[:WINDOW]]

        return self._remember("best", look_up)

    def ranked(self, exclude=()):
        """The best matches with this search's filters, best first, for the paginator."""
        excluded = {page.pk for page in exclude}
        ids = [pk for pk in self.best if pk not in excluded]
        if self.content_type or self.year or self.track:
            pages = Page.objects.filter(pk__in=ids)
            if self.content_type:
                pages = pages.filter(content_type_id=self.content_type)
            if self.year:
                pages = pages.filter(first_published_at__year=self.year)
            if self.track:
                allowed = {pk for pk, track in self._tracks(pages) if track == self.track}
            else:
                allowed = set(pages.values_list("pk", flat=True))
            ids = [pk for pk in ids if pk in allowed]
        return RankedPages(ids)

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
        return documents.search(self._analysed, operator="or")[:limit]

    def snippets(self, limit=5):
        """Best matches among the snippets visitors see on their own (partners), per model."""
        found = []
        for model in _public_snippet_models():
            objects = model.objects.all()
            if not self.everywhere:
                objects = objects.filter(locale=Locale.get_active())
            backend = get_search_backend()
            found_here = backend.search(self._analysed, objects, operator="or")
            matches = list(found_here[:limit])
            if matches:
                found.append((model._meta.verbose_name_plural, matches))
        return found

    def _tracks(self, pages):
        """(page id, track) for the programmes among `pages` and the pages under them."""
        from programmes.models import ProgrammePage

        programmes = list(
            ProgrammePage.objects.live()
            .filter(pk__in=pages.values("pk"))
            .exclude(track="")
            .values_list("path", "track")
        )
        if not programmes:
            return []
        under = Q()
        for path, _track in programmes:
            under |= Q(path__startswith=path)
        return [
            (pk, next(track for prefix, track in programmes if path.startswith(prefix)))
            for pk, path in pages.filter(under).values_list("pk", "path")
        ]

    def facets(self):
        """Counts by type, programme track and year among the best results, whatever is filtered."""
        return self._remember("facets", self._count_facets)

    def _count_facets(self):
        in_window = Page.objects.filter(pk__in=self.best)
        types = Counter(in_window.values_list("content_type_id", flat=True))
        years = Counter(
            in_window.annotate(year=ExtractYear("first_published_at")).values_list(
                "year", flat=True
            )
        )
        tracks = Counter(track for _pk, track in self._tracks(in_window))
        facets = {
            "tracks": sorted(tracks.items(), key=lambda item: (-item[1], item[0])),
            "types": [
                (pk, ContentType.objects.get_for_id(pk).model_class()._meta.verbose_name, n)
                for pk, n in types.most_common()
            ],
            "years": sorted(((y, n) for y, n in years.items() if y), reverse=True),
        }
        # Worth showing when a choice would leave fewer results than all of them.
        facets["narrow"] = (
            len(facets["types"]) > 1 or len(facets["years"]) > 1 or bool(facets["tracks"])
        )
        return facets

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


class RankedPages(Sequence):
    """Pages by id in a given order, fetched (as their specific types) only for the slice read."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        # Each hit shows its language; bodies are never shown, so never loaded.
        pages = Page.objects.filter(pk__in=ids).specific().defer_streamfields()
        pages = pages.select_related("locale", for_specific_subqueries=True)
        found = {page.pk: page for page in pages}
        return [found[pk] for pk in ids if pk in found]


def _public_snippet_models():
    """Indexed snippets with a page of their own to link to (they define `get_url`)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AnalysedSearch)
        and hasattr(model, "get_url")
        and not issubclass(model, Page | AbstractDocument)
    ]


def breadcrumbs(pages):
    """Each page's ancestors below the home page, fetched in one query: {page id: [ancestor]}."""
    steps = Page.steplen
    wanted = {
        page.pk: [page.path[:end] for end in range(3 * steps, len(page.path), steps)]
        for page in pages
    }
    ancestors = {
        ancestor.path: ancestor
        for ancestor in Page.objects.filter(
            path__in={path for paths in wanted.values() for path in paths}
        ).only("path", "title", "url_path", "depth", "locale_id")
    }
    return {
        pk: [ancestors[path] for path in paths if path in ancestors] for pk, paths in wanted.items()
    }


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
