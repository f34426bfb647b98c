"""Judged relevance: Arabic queries typed the way people type them, over a corpus in the content
import format, each expecting its relevant pages among the first ten results of the site search."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from home.importing import ITEM_TYPES, import_items
from search.query import Search

JUDGED = Path(__file__).parent / "judged"
CORPUS = json.loads((JUDGED / "corpus.json").read_text(encoding="utf-8"))
QUERIES = json.loads((JUDGED / "queries.json").read_text(encoding="utf-8"))["queries"]
# Types that only build the tree (a language's home, section index pages): nothing to judge.
STRUCTURE = {"home", "news_index", "event_index"}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus imported once for the module, in a transaction rolled back after its tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        import_items(CORPUS)
        yield
        transaction.set_rollback(True)


def test_the_judged_set_covers_every_searchable_type_of_the_import():
    assert len(QUERIES) >= 60
    slugs = {item["slug"] for item in CORPUS["items"]}
    judged = {slug for query in QUERIES for slug in query["relevant"]}
    assert judged <= slugs
    autodiscover_modules("importers")
    types = {item["type"] for item in CORPUS["items"] if item["slug"] in judged}
    assert types == set(ITEM_TYPES) - STRUCTURE


@pytest.mark.parametrize(
    "judged", QUERIES, ids=[f"{n:02d}-{q['relevant'][0]}" for n, q in enumerate(QUERIES, 1)]
)
def test_relevant_pages_are_among_the_first_ten_results(corpus, judged):
    with translation.override("ar"):
        found = [page.slug for page in Search(judged["q"], "ar").results()[:10]]
    missing = [slug for slug in judged["relevant"] if slug not in found]
    assert not missing, f"{judged['q']!r} ({judged['why']}): {missing} not in {found}"
