"""The public listings' filters, read from the query string: django-filter's FilterSet, cleaned
field by field.

Anyone can write a query string, and old or mistyped links live on. A value that names nothing
(an unknown slug, a year with no news, a NUL byte, a tag too long to be one) is dropped alone: the
other filters still apply and the visitor sees a list, never an error or an empty page because of
one bad parameter. django-filter's own views answer an invalid form with no results instead.
"""

from urllib.parse import urlencode

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.functional import cached_property
from django_filters.constants import EMPTY_VALUES


class Filters(django_filters.FilterSet):
    """A listing's filters. `qs` is the listing filtered by the valid values, `chosen` those
    values by parameter, `active` whether there is any, `query_string` them for links."""

    def __init__(self, data, queryset):
        # Always bound, so that `qs` goes through filter_queryset (and a subclass's ordering)
        # even without a query string.
        super().__init__(QueryDict() if data is None else data, queryset)
        for filter_ in self.filters.values():
            # django-filter reads the value "null" as "has none"; no listing offers that, so a
            # choice called "null" (a track's name is free text) is that choice.
            filter_.null_value = None

    def offer(self, name, choices):
        """The choices of filter `name`, known only once the listing's page is."""
        self.filters[name].extra["choices"] = choices

    @cached_property
    def chosen(self):
        """The valid values by parameter, in the filters' order; empty and unticked ones left out.
        Each field is cleaned on its own: one that fails is missing here, the others are not."""
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in EMPTY_VALUES and value is not False
        }

    @property
    def active(self):
        return bool(self.chosen)

    @property
    def query_string(self):
        """`?` and the valid filters, or nothing: for links that keep them (a feed's address)."""
        query = urlencode(self.chosen)
        return f"?{query}" if query else ""

    def filter_queryset(self, queryset):
        for name, value in self.chosen.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset


class BandFilter(django_filters.ChoiceFilter):
    """One of a few named bands of a number, given as (value, label, lowest, highest or None),
    both ends included: a module's length, an opportunity's hours a week."""

    def __init__(self, field_name, bands, **kwargs):
        self.bands = {value: (lowest, highest) for value, _label, lowest, highest in bands}
        choices = [(value, label) for value, label, _lowest, _highest in bands]
        super().__init__(field_name, choices=choices, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        lowest, highest = self.bands[value]
        condition = Q(**{f"{self.field_name}__gte": lowest})
        if highest is not None:
            condition &= Q(**{f"{self.field_name}__lte": highest})
        return qs.filter(condition)
