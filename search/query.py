"""One search over every published page, document and partner, used by the search page, the
judged set and the benchmarks: candidates from the search backend, in one list ordered by the
rules of search/ranking.py."""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.utils import timezone
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import And, Or, PlainText
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
)
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from home.caching import remember
from home.indexing import AnalysedSearch
from home.lookups import active_locale
from home.models import public
from home.querystring import calendar_year, whole_number
from search import ranking, vocabulary
from search.analysis import terms
from search.elasticsearch import Ranked
from search.facets import FACETS
from search.results import result_type
from search.services import offered_services
from search.synonyms import synonym_groups

MAX_QUERY_LENGTH = 200
# The search page and its facet counts look at this many best matches: plenty for a reader (a
# hundred pages of results), bounded for the database.
WINDOW = 1000
# The best of them by the backend's own score (ten pages of results) are ordered by the site's
# rules, the rest follow.
RERANKED = 100
# Documents and partners considered, of each kind.
OTHER_WINDOW = 50


@dataclass
class Search:
    text: str
    language: str
    everywhere: bool = False
    content_type: int | None = None
    year: int | None = None
    # The chosen value of each facet registered by a feature app: {query parameter: value}.
    chosen: dict = field(default_factory=dict)
    terms: list = field(init=False)

    def __post_init__(self):
        self.text = self.text.strip()[:MAX_QUERY_LENGTH]
        self.terms = terms(self.text, self.language)

    @classmethod
    def from_request(cls, request, language):
        return cls(
            # A NUL byte is never typed, and PostgreSQL refuses it in a query.
            text=request.GET.get("q", "").replace("\x00", ""),
            language=language,
            everywhere=request.GET.get("all") == "1",
            content_type=whole_number(request.GET.get("type")),
            year=calendar_year(request.GET.get("year")),
            chosen={
                name: value.replace("\x00", "")[:80]
                for name in FACETS
                if (value := request.GET.get(name, ""))
            },
        )

    @cached_property
    def concepts(self):
        """What was asked for, each word with the synonyms editors gave it."""
        return ranking.concepts(self.terms, synonym_groups(self.language))

    @cached_property
    def matching_terms(self):
        """Every term a result may match: the query's and their synonyms' (for highlighting)."""
        return sorted({term for concept in self.concepts for term in concept.terms})

    def pages(self):
        pages = public(Page.objects)
        if not self.everywhere:
            pages = pages.filter(locale=active_locale())
        return pages

    @cached_property
    def key(self):
        """Names this search with its filters: a rendering of its results is kept under it."""
        asked = (self.text, self.language, self.everywhere, self.content_type, self.year)
        asked += tuple(sorted(self.chosen.items()))
        return hashlib.sha256(repr(asked).encode()).hexdigest()

    @cached_property
    def recorded(self):
        """The query as Wagtail's search promotions keep it (its hits, its editors' picks)."""
        return Query.get(self.text)

    def picks(self):
        """Editors' picks for this query (Wagtail's search promotions)."""
        recorded = self.recorded

        def chosen():
            picks = recorded.editors_picks.select_related("page").order_by("sort_order")
            return [pick.page_id for pick in picks if pick.page.live]

        # Picks are content: kept until the content changes, like the menu.
        ids = remember(f"search-picks:{recorded.pk}", chosen)
        pages = Page.objects.filter(pk__in=ids).specific() if ids else []
        found = {page.pk: page for page in pages}
        return [found[pk] for pk in ids if pk in found]

    @property
    def filtered(self):
        return bool(self.content_type or self.year or self.chosen)

    def services(self):
        """The services (a status check, a certificate check) whose words hold every word asked,
        or one of its synonyms, offered in this language: [{"label", "url"}]."""

        def named(words):
            return all(
                any(set(form) <= set(words) for form in concept.alternatives)
                for concept in self.concepts
            )

        return offered_services(named, self.language) if self.concepts else []

    def results(self):
        """Every match, best first: pages, documents and partners in one list."""
        return RankedResults(self.best)

    @cached_property
    def _analysed(self):
        """What the backend is asked for: any term of the query or of its synonyms."""
        return " ".join(self.matching_terms)

    def _remember(self, name, compute):
        """Kept until the content changes, as visitors often search for the same few words."""
        digest = hashlib.sha256(self._analysed.encode()).hexdigest()
        return remember(f"search-{name}:{self.language}:{self.everywhere}:{digest}", compute)

    @cached_property
    def best(self):
        """Keys ("content type:id") of the best matches of every kind, best first: one search
        serves the results and the facets."""
        return self._remember("best", self._rank) if self.terms else []

    def _rank(self):
        backend = get_search_backend()
        found = [
            *self._found_pages(backend),
            *self._found(_documents_anyone_may_read(), OTHER_WINDOW),
            *(
                match
                for objects in self._snippet_querysets()
                for match in self._found(objects, OTHER_WINDOW)
            ),
        ]
        if _ranks_itself(backend):
            # The cluster ordered each kind by the same rules (search/elasticsearch.py).
            found.sort(key=lambda match: -(match.score or 0))
            return [match.key for match in found]
        return _ordered(found, self.concepts, self.language)

    def _found_pages(self, backend):
        """The pages to order, those with every word of the query first (ranking rule 1), so
        that the head the site's rules order holds them all whatever the backend's own score.
        When they alone fill that head, the pages with only some words would not show before
        ten pages of results and are not asked for: a database then scores the few pages with
        every word instead of every page with one, which at 20,000 pages costs a scan and ten
        thousand scores for a word common to half of them (README, *Performance*)."""
        if len(self.concepts) < 2 or _ranks_itself(backend):
            return self._found(self.pages(), WINDOW)
        every = self._found(self.pages(), WINDOW, query=self._every_concept())
        if len(every) >= RERANKED:
            return every
        keys = {match.key for match in every}
        some = [match for match in self._found(self.pages(), WINDOW) if match.key not in keys]
        return every + some[: WINDOW - len(every)]

    def _every_concept(self):
        """Each concept, in one of its forms (a synonym of several words, all of them)."""
        return And(
            [
                Or([PlainText(" ".join(form), operator="and") for form in concept.alternatives])
                for concept in self.concepts
            ]
        )

    def _found(self, objects, limit, query=None):
        """The backend's best `limit` matches among `objects` (for any word of the query, or
        for `query`), best first, as `Match`es."""
        backend = get_search_backend()
        if _ranks_itself(backend):
            # Elasticsearch ranks by the site's rules itself; the databases find, the site orders.
            matches = backend.search(Ranked(self.concepts), objects, operator="or")
            matches = matches.annotate_score("_score")[:limit]
            return [Match.of(obj, self.language, getattr(obj, "_score", None)) for obj in matches]
        matches = backend.search(query or self._analysed, objects, operator="or")[:limit]
        if not issubclass(objects.model, Page):
            return [Match.of(obj, self.language) for obj in matches]
        # A thousand pages cost more to build than to find: the database backends' query is read
        # as rows, with what ranking needs.
        rows = list(matches.get_queryset().values_list("pk", "content_type_id", "title"))
        models = {ct: _model_of(ct) or Page for _pk, ct, _title in rows}
        return [
            Match(f"{ct}:{pk}", Page, models[ct], title, self.language) for pk, ct, title in rows
        ]

    def _snippet_querysets(self):
        """The snippets visitors see on their own (partners), in this language."""
        for model in _public_snippet_models():
            objects = model.objects.all()
            if issubclass(model, DraftStateMixin):  # a translation waiting for a moderator
                objects = objects.filter(live=True)
            if not self.everywhere and hasattr(model, "locale"):
                objects = objects.filter(locale=active_locale())
            yield objects

    def ranked(self, exclude=()):
        """The best matches with this search's filters, best first, for the paginator."""
        excluded = {_key(page) for page in exclude}
        keys = [key for key in self.best if key not in excluded]
        if self.year or self.chosen:
            # Years and features' facets are the pages': documents and partners have none.
            page_types = _page_types(keys)
            pages = Page.objects.filter(pk__in=list(page_types))
            if self.year:
                pages = pages.filter(first_published_at__year=self.year)
            allowed = set(pages.values_list("pk", flat=True))
            for name, chosen in self.chosen.items():
                allowed &= {pk for pk, value in FACETS[name].values(pages) if value == chosen}
            keys = [f"{page_types[pk]}:{pk}" for pk in page_types if pk in allowed]
        if self.content_type:
            keys = [key for key in keys if key.startswith(f"{self.content_type}:")]
        return RankedResults(keys)

    def facets(self):
        """Counts by type, year and each feature's facet among the best results, whatever is
        filtered; a feature's facet as (parameter, label, chosen value, [(value, count)])."""
        facets = self._remember("facets", self._count_facets)
        features = [
            (name, FACETS[name].label, self.chosen.get(name, ""), counts)
            for name, counts in facets["features"]
        ]
        return {**facets, "features": features}

    def _count_facets(self):
        in_window = Page.objects.filter(pk__in=_page_ids(self.best))
        types = Counter(int(key.split(":")[0]) for key in self.best)
        years = Counter(
            in_window.annotate(year=ExtractYear("first_published_at")).values_list(
                "year", flat=True
            )
        )
        features = []
        for name, facet in FACETS.items():
            counts = Counter(value for _pk, value in facet.values(in_window))
            if counts:
                features.append((name, sorted(counts.items(), key=_most_first)))
        facets = {
            # Parameters and counts only: the labels are added when read, in the reader's language.
            "features": features,
            "types": [
                (pk, ContentType.objects.get_for_id(pk).model_class()._meta.verbose_name, n)
                for pk, n in types.most_common()
            ],
            "years": sorted(((y, n) for y, n in years.items() if y), reverse=True),
        }
        # Worth showing when a choice would leave fewer results than all of them.
        facets["narrow"] = len(facets["types"]) > 1 or len(facets["years"]) > 1 or bool(features)
        return facets

    def partly(self):
        """When the query has several words and nothing found holds every one (or a synonym of
        it): the words typed that nothing holds, [] when each is held somewhere; else None. The
        visitor is told the results have only some of the words."""
        if len(self.concepts) < 2 or not self.best:
            return None
        return self._remember("partly", self._words_held_nowhere)

    def _words_held_nowhere(self):
        if self._anything_holds(self._every_concept()):
            return None
        absent = [
            concept
            for concept in self.concepts
            if not self._anything_holds(
                Or([PlainText(" ".join(form), operator="and") for form in concept.alternatives])
            )
        ]
        return [
            word
            for word in self.text.split()
            if (stems := set(terms(word, self.language)))
            and any(stems <= concept.terms for concept in absent)
        ]

    def _anything_holds(self, query):
        """Whether a page, document or partner this search looks at matches `query` (unscored:
        the first found will do)."""
        backend = get_search_backend()
        kinds = [self.pages(), _documents_anyone_may_read(), *self._snippet_querysets()]
        return any(
            len(backend.search(query, objects.order_by(), order_by_relevance=False)[:1])
            for objects in kinds
        )

    def spelling(self):
        """For a query that found nothing: the closest words the site's titles and summaries use."""
        return vocabulary.closest(self.text, self.language)


@dataclass(frozen=True)
class Match:
    """Something the backend found, with what ranking needs to know of it."""

    key: str  # "content type:id"
    kind: type  # what was searched: pages, documents or a kind of snippet
    model: type  # its own type (a page's specific type)
    title: str
    language: str
    score: float | None = None

    @classmethod
    def of(cls, obj, language, score=None):
        if isinstance(obj, AnalysedSearch):
            language = obj.search_language()
        model = obj.specific_class if isinstance(obj, Page) else type(obj)
        kind = Page if isinstance(obj, Page) else type(obj)
        title = str(obj.title if hasattr(obj, "title") else obj)
        return cls(_key(obj), kind, model, title, language, score)


def _ranks_itself(backend):
    return isinstance(backend, ElasticsearchBaseSearchBackend)


def _documents_anyone_may_read():
    """Documents anyone may download (none from restricted collections)."""
    restricted = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        restricted.update(
            Collection.objects.descendant_of(restriction.collection, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return get_document_model().objects.exclude(collection__in=restricted)


def _key(obj):
    if isinstance(obj, Page):
        return f"{obj.content_type_id}:{obj.pk}"
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def _model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _is_page_type(content_type_id):
    return issubclass(_model_of(content_type_id), Page)


def _page_types(keys):
    """{page id: content type id} of the pages among `keys`, in their order."""
    found = {}
    for key in keys:
        ct, pk = map(int, key.split(":"))
        if _is_page_type(ct):
            found[pk] = ct
    return found


def _page_ids(keys):
    return list(_page_types(keys))


@lru_cache(maxsize=20_000)
def _title_terms(title, language):
    return tuple(terms(title, language))


def _ordered(found, query, language):
    """`found` (the backend's matches, each kind best first) in the site's order, as keys."""
    by_kind = defaultdict(list)
    for match in found:
        by_kind[match.kind].append(match)
    head = []
    tail = []
    for matches in by_kind.values():
        head.extend(matches[:RERANKED])
        tail.extend(matches[RERANKED:])
    texts = _indexed_texts(head)
    fresh = _fresh_dates(head)
    candidates = [
        ranking.Candidate(
            key=match.key,
            title=list(_title_terms(match.title, match.language)),
            text=texts.get(match.key, "").split(),
            section=result_type(match.model).section,
            fresh=fresh.get(match.key),
            order=order,
        )
        for order, match in enumerate(head)
    ]
    today = timezone.localdate()
    return [c.key for c in ranking.rank(candidates, query, today)] + [m.key for m in tail]


def _indexed_texts(matches):
    """The analysed text the database index holds for each match: {key: text}."""
    column = "body_text" if connection.vendor == "postgresql" else "body"
    wanted = defaultdict(list)
    for match in matches:
        ct, pk = match.key.split(":")
        wanted[int(ct)].append(pk)
    texts = {}
    for ct, pks in wanted.items():
        rows = IndexEntry.objects.filter(content_type_id=ct, object_id__in=pks)
        for object_id, text in rows.values_list("object_id", column):
            texts[f"{ct}:{object_id}"] = text or ""
    return texts


def _fresh_dates(matches):
    """The date of each news item and event among `matches` (types registered as fresh)."""
    by_model = defaultdict(list)
    for match in matches:
        kind = result_type(match.model)
        if kind.fresh and kind.when:
            by_model[match.model].append(match.key.split(":")[1])
    dates = {}
    for model, pks in by_model.items():
        kind = result_type(model)
        for item in model.objects.filter(pk__in=pks):
            when = kind.when(item)
            if hasattr(when, "date") and callable(when.date):
                when = timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
            dates[_key(item)] = when
    return dates


def _most_first(item):
    value, count = item
    return -count, value


def count_hit(recorded):
    """One more search for this query today (Wagtail's `add_hit`, in one statement when the
    day's row exists)."""
    today = recorded.daily_hits.filter(date=timezone.localdate())
    if not today.update(hits=F("hits") + 1):
        recorded.add_hit(date=timezone.localdate())


class RankedResults(Sequence):
    """Results by key in a given order, fetched (pages as their specific types) only when read:
    a slice (a page of results) is fetched when its first item is."""

    def __init__(self, keys):
        self.keys = keys

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return RankedResults(self.keys[index])
        return self._objects[index]

    @cached_property
    def _objects(self):
        keys = self.keys
        wanted = defaultdict(list)
        for key in keys:
            ct, pk = key.split(":")
            wanted[int(ct)].append(int(pk))
        found = {}
        pages = [pk for ct, pks in wanted.items() if _is_page_type(ct) for pk in pks]
        if pages:
            # Each hit shows its language. Stream fields are loaded with the rest: a programme's
            # status reads its joining steps, and a deferred field costs a query per result.
            objects = Page.objects.filter(pk__in=pages).specific()
            objects = objects.select_related("locale", for_specific_subqueries=True)
            found.update((_key(page), page) for page in objects)
        for ct, pks in wanted.items():
            if not _is_page_type(ct):
                model = ContentType.objects.get_for_id(ct).model_class()
                found.update((f"{ct}:{obj.pk}", obj) for obj in model.objects.filter(pk__in=pks))
        return [found[key] for key in keys if key in found]


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
