"""The listings' shared filters: a value that names nothing is dropped alone, the others still
filter, and links keep only what was valid."""

from urllib.parse import quote, urlencode

import django_filters
import pytest
from django.http import QueryDict

from home.filtering import BandFilter, Filters
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


class PageFilters(Filters):
    page = django_filters.ChoiceFilter(field_name="slug")
    summary = django_filters.CharFilter(max_length=20)
    depth = BandFilter("depth", [("top", "Top", 0, 3), ("deeper", "Deeper", 4, None)])

    def __init__(self, data, pages):
        super().__init__(data, pages)
        self.offer("page", [(page.slug, page.title) for page in pages])

    def filter_queryset(self, pages):
        return super().filter_queryset(pages).order_by("-path")


@pytest.fixture
def pages(home):
    """Two pages under the home page and one under the first: new, old and new."""
    first = StandardPageFactory(parent=home, slug="first", summary="new")
    StandardPageFactory(parent=home, slug="second", summary="old")
    StandardPageFactory(parent=first, slug="under-first", summary="new")
    return StandardPage.objects.all()


def listed(query, pages):
    filters = PageFilters(QueryDict(query), pages)
    return filters, [page.slug for page in filters.qs]


@pytest.mark.parametrize(
    "page",
    ["atlantis", "", "\x00", "first\x00", "²", "1" * 5000, "<script>"],
)
def test_a_value_that_names_nothing_is_dropped_and_the_others_still_filter(pages, page):
    filters, slugs = listed(urlencode({"page": page, "summary": "new"}, quote_via=quote), pages)
    assert slugs == ["under-first", "first"]
    assert filters.active
    assert filters.chosen == {"summary": "new"}


def test_each_invalid_value_is_dropped_alone(pages):
    filters, slugs = listed("page=second&summary=" + "x" * 21 + "&depth=deepest", pages)
    assert slugs == ["second"]
    assert filters.chosen == {"page": "second"}


def test_the_last_of_repeated_keys_counts(pages):
    assert listed("page=first&page=second", pages)[1] == ["second"]
    assert listed("page=second&page=atlantis&summary=new", pages)[1] == ["under-first", "first"]


def test_only_invalid_values_filter_nothing_and_are_not_active(pages):
    filters, slugs = listed("page=atlantis&summary=%00&depth=9", pages)
    assert slugs == ["second", "under-first", "first"]
    assert not filters.active
    assert filters.chosen == {}
    assert filters.query_string == ""


def test_without_a_query_string_the_whole_listing_is_in_its_order(pages):
    for data in (None, QueryDict()):
        filters = PageFilters(data, pages)
        assert [page.slug for page in filters.qs] == ["second", "under-first", "first"]
        assert not filters.active


def test_links_keep_the_valid_filters_only_in_the_filters_order(pages):
    filters, _slugs = listed("depth=deeper&page=atlantis&summary=new&page=under-first", pages)
    assert filters.query_string == "?page=under-first&summary=new&depth=deeper"


def test_bands_include_both_ends_and_the_last_has_none(pages):
    assert listed("depth=top", pages)[1] == ["second", "first"]
    assert listed("depth=deeper", pages)[1] == ["under-first"]


def test_a_choice_named_null_is_that_choice(home, pages):
    StandardPageFactory(parent=home, slug="null", summary="new")
    assert listed("page=null", StandardPage.objects.all())[1] == ["null"]
