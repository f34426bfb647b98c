"""The judged set (tests/search/judged/, read by search/judged.py): queries typed the way people
type them, in Arabic, English and French, over every type of result, each with graded results.
Every query passes (its relevant results on the first page) and its answer comes first, on the
database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL). bench/search_quality.py
prints the same figures for both, beside Wagtail's own order."""

from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from home.importing import ITEM_TYPES
from search import judged
from search.query import Search

JUDGED = Path(__file__).parent / "judged"
ITEMS, QUERIES = judged.load(JUDGED)
# Types that only build the tree (a language's home, section index pages): nothing to judge.
STRUCTURE = {"home", "news_index", "event_index"}
# The mean reciprocal rank every database reaches at least.
TARGET_MRR = 0.95

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus imported once for the module, in a transaction rolled back after its tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        documents = judged.import_corpus(ITEMS)
        yield documents
        transaction.set_rollback(True)


def found(query, documents):
    with translation.override(query["language"]):
        results = Search(query["q"], query["language"]).results()[: judged.FIRST_PAGE]
        return [judged.identify(obj, documents) for obj in results]


def test_the_judged_set_covers_every_type_in_three_languages():
    """A new page type joins the set with a file of its own in tests/search/judged/."""
    assert len(QUERIES) >= 100
    names = {item["slug"] for item in ITEMS if "slug" in item} | {
        f"{item['type']}:{item['slug']}" for item in ITEMS if item["type"] == "document"
    }
    partners = {
        f"partner:{partner['slug']}" for item in ITEMS for partner in item.get("partners", [])
    }
    graded = {name for query in QUERIES for name in query["grades"]}
    assert graded <= names | partners
    autodiscover_modules("importers")
    judged_types = {item["type"] for item in ITEMS if item.get("slug") in graded}
    unjudged = set(ITEM_TYPES) - STRUCTURE - judged_types
    assert not unjudged, f"add judged queries for {unjudged} in a file of {JUDGED}"
    assert any(name.startswith("partner:") for name in graded)
    assert any(name.startswith("document:") for name in graded)
    assert {query["language"] for query in QUERIES} == {"ar", "en", "fr"}
    assert all(max(query["grades"].values()) == 3 for query in QUERIES)


@pytest.mark.parametrize(
    "query", QUERIES, ids=[f"{n:03d}-{q['language']}" for n, q in enumerate(QUERIES, 1)]
)
def test_relevant_results_are_on_the_first_page(corpus, query):
    results = found(query, corpus)
    missing = judged.missing(results, query["grades"])
    assert not missing, f"{query['q']!r} ({query['why']}): {missing} not in {results}"


def test_the_answer_comes_first(corpus):
    measured = judged.measure(QUERIES, lambda query: found(query, corpus))
    late = "\n".join(
        f"{q!r} ({language}): {first}" for q, language, _rr, first in measured["failures"]
    )
    assert measured["mrr"] >= TARGET_MRR, f"MRR {measured['mrr']:.3f}; not first:\n{late}"
    assert measured["pass"] == 1
