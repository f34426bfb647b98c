"""What the search index stores: every model's declared text, analysed once, the same way on
SQLite, PostgreSQL and Elasticsearch.

Models keep declaring `search_fields` as Wagtail documents them (SearchField, RelatedFields, ...).
`AnalysedSearch` hands the index two fields in place of the declared text fields, each the
analysed form (search/analysis.py) of the declared values, so that the backend's own tokenizer and
stemmer never see raw Arabic. Filters and autocomplete fields pass through unchanged.

The analysis itself belongs to search (search/analysis.py), which hands it over in its
AppConfig.ready(): every page type inherits this mixin, and the shell of the site never imports
search.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Manager
from wagtail.search import index

_analysis = []


def analyse_with(function):
    """Make `function(text, language)` the analysis of everything indexed."""
    _analysis[:] = [function]


def analyse(text, language):
    if not _analysis:
        raise ImproperlyConfigured("The search app gives the analysis: add it to INSTALLED_APPS.")
    return _analysis[0](text, language)


def _texts(obj, fields):
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            items = related.all() if isinstance(related, Manager) else [related]
            for item in items:
                yield from _texts(item, field.fields)
        elif isinstance(field, index.SearchField):
            value = field.get_value(obj)
            if isinstance(value, list | tuple):
                yield from (str(v) for v in value if v)
            elif value:
                yield str(value)


class AnalysedSearch(index.Indexed):
    # The analysed title is also offered to autocomplete: suggestions match the start of its
    # words as the analysis writes them ("الاحت" and "احت" both find احتضان).
    ANALYSED = (
        index.SearchField("analysed_title", boost=3),
        index.SearchField("analysed_text"),
        index.AutocompleteField("analysed_title"),
    )

    @classmethod
    def get_search_fields(cls):
        kept = [
            field
            for field in super().get_search_fields()
            if not isinstance(field, index.SearchField | index.RelatedFields)
        ]
        return [*kept, *cls.ANALYSED]

    def search_language(self):
        locale = getattr(self, "locale", None)
        return locale.language_code if locale else "ar"

    def analysed_title(self):
        return analyse(str(getattr(self, "title", "") or self), self.search_language())

    def analysed_text(self):
        declared = [
            field
            for field in type(self).search_fields
            if not (isinstance(field, index.SearchField) and field.field_name == "title")
        ]
        return analyse(" ".join(_texts(self, declared)), self.search_language())
