"""Search on a real Elasticsearch: run with ELASTICSEARCH_URL=http://host:9200 (indices prefixed
`tamkeen_test_`, deleted afterwards). Without it the module is skipped and says so."""

import os
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from search import judged
from search.analysis import analyse, normalise, terms
from tests.search.test_elasticsearch import TEXTS
from tests.search.test_judged_relevance import ITEMS, QUERIES, found

URL = os.environ.get("ELASTICSEARCH_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not URL, reason="no Elasticsearch: set ELASTICSEARCH_URL=http://host:9200 to run these"
    ),
    pytest.mark.django_db,
]
BACKENDS = {
    "default": {
        "BACKEND": "search.elasticsearch",
        "URLS": [URL],
        "INDEX_PREFIX": "tamkeen_test_",
        "ATOMIC_REBUILD": False,
    }
}


@pytest.fixture(scope="module")
def elasticsearch(django_db_setup, django_db_blocker):
    """The judged corpus indexed in Elasticsearch, once for the module."""
    with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS), django_db_blocker.unblock():
        backend = get_search_backend()
        with transaction.atomic():
            call_command("update_index", verbosity=0)
            documents = judged.import_corpus(ITEMS)
            backend.es.indices.refresh(index="tamkeen_test_*")
            backend.documents = documents
            yield backend
            transaction.set_rollback(True)
        backend.es.indices.delete(index="tamkeen_test_*")


@pytest.mark.parametrize("text", TEXTS)
def test_the_cluster_analyses_text_as_the_database_path_does(elasticsearch, text):
    def tokens(value):
        found = elasticsearch.es.indices.analyze(
            index="tamkeen_test_wagtailcore_page", analyzer="default", text=value
        )
        return [token["token"] for token in found["tokens"]]

    assert tokens(analyse(text)) == terms(text)
    assert tokens(text) == re.findall(r"\w+", normalise(text))


@pytest.mark.parametrize(
    "query", QUERIES, ids=[f"{n:03d}-{q['language']}" for n, q in enumerate(QUERIES, 1)]
)
def test_judged_queries_find_their_results_on_elasticsearch(elasticsearch, query):
    with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS):
        results = found(query, elasticsearch.documents)
    missing = judged.missing(results, query["grades"])
    assert not missing, f"{query['q']!r} ({query['why']}): {missing} not in {results}"
