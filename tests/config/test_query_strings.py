"""No query string answers 5xx: arbitrary parameters (NUL, huge numbers, digits `int` refuses,
repeated keys, very long values) thrown at every public listing, filter, feed, search,
suggestion, calendar, certificate check, status check, alert and API endpoint of the demo site."""

from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.conftest import COPIES

pytestmark = pytest.mark.django_db

# What each address reads from its query string (or its form), from the apps' views.
ENDPOINTS = {
    "/en/search/": ["q", "type", "year", "track", "all", "page"],
    "/ar/search/suggest/": ["q", "all"],
    "/en/news/": ["kind", "category", "tag", "year", "page"],
    "/en/news/rss/": ["kind", "category", "tag", "year"],
    "/en/news/atom/": ["kind", "category", "tag", "year"],
    "/ar/events/": ["page"],
    "/ar/events/past/": ["page"],
    "/ar/events/ics/": [],
    "/ar/events/launch-ceremony/ics/": [],
    "/ar/programmes/": ["track", "status", "region", "group", "page"],
    "/ar/programmes/youth-tech-incubator/": ["c1", "c2", "c3", "c100"],
    "/ar/partners/": ["kind", "page"],
    "/ar/learning/": ["topic", "level", "duration", "page"],
    "/fr/learning/verify/": ["code"],
    "/ar/forms/status/": ["reference", "email"],
    "/ar/alerts/": ["kind", "target", "choice"],
    "/api/v2/pages/": [
        "offset",
        "limit",
        "search",
        "search_operator",
        "type",
        "fields",
        "order",
        "locale",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "id",
        "slug",
        "show_in_menus",
    ],  # fmt: skip
    "/api/v2/pages/find/": ["html_path", "id", "locale"],
    "/api/v2/images/": ["offset", "limit", "search", "fields", "order", "id", "title"],
    "/api/v2/documents/": ["offset", "limit", "search", "fields", "order", "id", "title"],
}

NASTY = [
    "",
    "\x00",
    "programme\x00",
    "²",
    "٣",
    "٢٠٢٦",
    "-1",
    "0",
    "1e9",
    "9223372036854775808",
    "9" * 50,
    "1" * 5000,
    "x" * 3000,
    "%00",
    "'; DROP TABLE x; --",
    "<script>",
    "ـ",
    " ",
    "\ufeff",
    "\U0001f600",
    "*",
    "-title",
    "title,body",
    "/ar/news/",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.integers().map(str),
    st.text(max_size=30),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=12),
)


def query_strings(names):
    keys = st.sampled_from(names) if names else st.text(max_size=10)
    pairs = st.lists(st.tuples(st.one_of(keys, st.text(max_size=10)), values), max_size=6)
    return pairs.map(lambda pairs: urlencode(pairs, quote_via=quote))


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module and rolled back after its tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        request.config.stash[COPIES].load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client_without_limits(demo_site, settings):
    # Every example would otherwise soon meet the rate limits' 429 and test nothing else.
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, (10**6, 600))
    return Client(raise_request_exception=False)


# A few examples per address keep the module within a minute or two; every run draws new ones.
few_examples = examples(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def no_server_error(response, request):
    assert response.status_code < 500, f"{request!r}: {response.status_code}"


# Values that once answered 500 are tried in each parameter alone, every run, besides those drawn.
SEEN = ["programme\x00", "²", "9223372036854775808", "1" * 5000, "\r"]


@pytest.mark.parametrize("address", ENDPOINTS)
def test_no_query_string_answers_a_server_error(client_without_limits, address):
    def throw(query):
        url = f"{address}?{query}"
        no_server_error(client_without_limits.get(url), url)

    for name in ENDPOINTS[address]:
        for value in SEEN:
            throw = example(query=urlencode({name: value}, quote_via=quote))(throw)
    few_examples(given(query=query_strings(ENDPOINTS[address]))(throw))()


@pytest.mark.parametrize("year", ["0", "1", "9999"])
def test_a_year_no_date_can_hold_filters_no_search(client_without_limits, year):
    """Year 1 starts before what a date in the site's time zone can hold (so would 9999 end,
    west of Greenwich): such a year names nothing, like any other year without results."""
    url = f"/en/search/?q=programme&year={year}"
    response = client_without_limits.get(url)
    no_server_error(response, url)
    assert response.status_code == 200


def test_no_status_check_answers_a_server_error(client_without_limits):
    @few_examples
    @given(reference=values, email=values)
    def throw(reference, email):
        data = {"reference": reference, "email": email}
        no_server_error(client_without_limits.post("/en/forms/status/", data), data)

    throw()


@pytest.mark.parametrize(
    "address",
    ["/ar/learning/certificates/{}/", "/api/v2/pages/{}/", "/api/v2/images/{}/", "/ar/news/{}/"],
)
def test_no_address_answers_a_server_error(client_without_limits, address):
    @few_examples
    @given(part=values.filter(lambda value: value.strip("/")))
    def throw(part):
        url = address.format(quote(part, safe=""))
        no_server_error(client_without_limits.get(url), url)

    throw()
