"""The news list's filters: kind, category, tag and year, read from the query string, for the list
and its feeds alike.

No model is imported here: the news index, which builds these filters, gives its news, the kinds,
its categories and the years it has news in.
"""

import django_filters
from django import forms

from home.filtering import Filters
from home.querystring import whole_number

MAX_TAG_LENGTH = 100


class YearField(forms.TypedChoiceField):
    """One of the offered years, written in Latin or Arabic-Indic digits."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)

    def to_python(self, value):
        year = whole_number(value)
        return super().to_python(value if year is None else str(year))


class YearFilter(django_filters.Filter):
    field_class = YearField


class NewsFilters(Filters):
    """The list's filters; `kinds`, `categories` and `years` are what it offers."""

    kind = django_filters.ChoiceFilter()
    category = django_filters.ChoiceFilter(field_name="category__slug")
    # The field refuses a NUL byte, which names no tag and which PostgreSQL refuses in a query.
    tag = django_filters.CharFilter(field_name="tags__name", max_length=MAX_TAG_LENGTH)
    year = YearFilter(field_name="date", lookup_expr="year")

    def __init__(self, data, news, *, kinds, categories, years):
        self.kinds = kinds
        self.categories = list(categories)
        self.years = years
        super().__init__(data, news)
        self.offer("kind", kinds)
        self.offer("category", [(category.slug, category.name) for category in self.categories])
        self.offer("year", [(year, year) for year in years])
