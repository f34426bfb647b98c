"""With TASK_QUEUE=database, Wagtail indexes a published page in the worker process, after the
publish: search finds the page as soon as the worker has run, even where the same search was made
(and its results kept) in between."""

import pytest

from tests.factories import StandardPageFactory
from tests.search.test_search_page import results

# The worker reads the rows the publish committed, as it does from its own process.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_page_is_found_once_the_worker_has_indexed_it(client, home, database_queue, run_worker):
    StandardPageFactory(parent=home, slug="documents-archive", title="أرشفة الوثائق")
    run_worker()
    _soup, found = results(client, "أرشفه")
    assert found == ["/ar/documents-archive/"]

    StandardPageFactory(parent=home, slug="photos-archive", title="أرشفة الصور")
    _soup, before = results(client, "أرشفه")
    assert before == ["/ar/documents-archive/"]  # published, not yet indexed

    run_worker()
    _soup, after = results(client, "أرشفه")
    assert sorted(after) == ["/ar/documents-archive/", "/ar/photos-archive/"]
