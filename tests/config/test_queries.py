"""Round trips to the database per public page type once the parts every page repeats are
remembered (menu, footer, settings, locales, privacy rules, the site and the page at each address):
what every editor, reviewer, searcher and applicant waits for, and every anonymous visitor when
the page cache is cold. DESIGN.md's bar is 8 per page type and 10 for search; each type is held
to what it takes today, so that a change that adds one is noticed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.config.test_budgets import LISTINGS

# One Arabic address per page type of the demo site, and the queries it may take once warm.
PAGES = {
    # The key figures' indicators: one query for them all, their values remembered.
    "home": ("/ar/", 2),
    "standard page": ("/ar/about/", 0),
    "programme index": ("/ar/programmes/", 0),
    "programme page": ("/ar/programmes/youth-tech-incubator/", 0),
    "partner directory": ("/ar/partners/", 1),
    "news index": ("/ar/news/", 0),
    "news page": ("/ar/news/programme-launch/", 0),
    "event index": ("/ar/events/", 0),
    "event page": ("/ar/events/launch-ceremony/", 0),
    # The places left: read once, for whether its registration form is open and for the form.
    "event page with registration": ("/ar/events/funding-proposals-training/", 1),
    "learning index": ("/ar/learning/", 0),
    "module": ("/ar/learning/cybersecurity-basics/", 0),
    "lesson": ("/ar/learning/cybersecurity-basics/cyber-backups/", 0),
    "form index": ("/ar/forms/", 1),
    # None: the page, its fields and the blank form's rendering are remembered.
    "form page": ("/ar/forms/complaints/", 0),
    "form status check": ("/ar/forms/status/", 3),
    # The recorded query and the two counts for the editors' reports: the ranked ids and the
    # rendered list are remembered for this search.
    "search results": ("/ar/search/?q=برنامج", 3),
    "English home": ("/en/", 3),
    "English programme page": ("/en/programmes/youth-tech-incubator/", 0),
}
PAGE_BAR = 8
SEARCH_BAR = 10
# The database is set up only for a session with a test that asks for it.
pytestmark = pytest.mark.django_db


def warm_queries(client, address):
    """The queries of a request after two others to the same address (fragments remembered)."""
    for _ in range(2):
        client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, f"{address}: {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


@pytest.fixture(scope="module")
def demo_queries(on_the_demo):
    """Each page type's warm queries on the demo site."""
    client = Client()
    return on_the_demo(
        lambda: {kind: warm_queries(client, address) for kind, (address, _bound) in PAGES.items()}
    )


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_type_takes_few_round_trips_once_warm(demo_queries, kind):
    queries = demo_queries[kind]
    bound = PAGES[kind][1]
    assert bound <= (SEARCH_BAR if "search" in kind else PAGE_BAR)
    assert len(queries) <= bound, f"{kind}: {len(queries)} queries, bound {bound}:\n" + "\n".join(
        queries
    )


@pytest.mark.parametrize("kind", LISTINGS)
def test_listings_take_a_fixed_number_of_queries_whatever_their_length(client, home, kind):
    address, add = LISTINGS[kind](home)
    add(3)
    few = warm_queries(client, address)
    add(27)
    many = warm_queries(client, address)
    assert len(many) == len(few), f"{kind}: {len(few)} queries with 3 items, {len(many)} with 30"
    assert len(many) <= (SEARCH_BAR if "search" in kind else PAGE_BAR), "\n".join(many)
