"""The search sample shared by the project's teams (tests/search/sample/, a copy of the design
folder's search-sample): every relevant page among the first ten results, and first."""

from pathlib import Path

import pytest
from django.db import transaction

from search import judged
from tests.search.test_judged_relevance import found

ITEMS, QUERIES = judged.load(Path(__file__).parent / "sample")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sample(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield judged.import_corpus(ITEMS)
        transaction.set_rollback(True)


@pytest.mark.parametrize("query", QUERIES, ids=[q["relevant"][0] for q in QUERIES])
def test_the_shared_sample_finds_its_page_first(sample, query):
    results = found(query, sample)
    assert not judged.missing(results, query["grades"]), f"{query['q']!r}: {results}"
    assert judged.reciprocal_rank(results, query["grades"]) == 1, f"{query['q']!r}: {results}"
