"""Elasticsearch with the site's own text analysis (set ELASTICSEARCH_URL to use it).

Pages, documents and snippets reach the index already analysed (search/indexing.py) and queries
are analysed the same way before they are sent (search/query.py, search/api.py): Arabic
normalisation and light stemming, English and French Snowball stemming in the page's language.
Elasticsearch must take those terms as they come, so its default analyzer is the site's
normalisation (the very tables of search/analysis.py) and a tokenizer that splits where
`analysis.terms` does, with no stemmer or stop words of its own: analysed text passes through
unchanged, and the raw text of models the site does not analyse (images, users in the admin) gets
the same Arabic folding. Elasticsearch's `arabic`, `english` and `french` analyzers are left out
on purpose: stemming the stems again would part the results from the database backends'.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from search.analysis import FOLDING, MARKS, TANWEEN_ALEF
from search.indexing import AnalysedSearch

# Java regular expressions: (?U) gives \w and \W their Unicode meaning, as in Python.
_UNICODE = "(?U)"
FOLDING_FILTERS = ["tanween_alef", "arabic_marks", "arabic_letters"]

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "tanween_alef": {
                    "type": "pattern_replace",
                    "pattern": _UNICODE + TANWEEN_ALEF.pattern,
                    "replacement": "",
                },
                "arabic_marks": {
                    "type": "pattern_replace",
                    "pattern": MARKS.pattern,
                    "replacement": "",
                },
                "arabic_letters": {
                    "type": "mapping",
                    "mappings": [f"{letter} => {folded}" for letter, folded in FOLDING.items()],
                },
            },
            "tokenizer": {
                "words": {"type": "pattern", "pattern": _UNICODE + r"\W+"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "char_filter": FOLDING_FILTERS,
                    "tokenizer": "words",
                    "filter": ["lowercase"],
                },
                # Autocomplete (admin choosers) folds Arabic the same way before cutting prefixes.
                "edgengram_analyzer": {
                    "type": "custom",
                    "char_filter": FOLDING_FILTERS,
                    "tokenizer": "words",
                    "filter": ["lowercase", "edgengram"],
                },
            },
        }
    }
}


class Mapping(Elasticsearch9Mapping):
    # What is typed in a chooser is folded like the titles it is matched against.
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}

    def get_field_column_name(self, field):
        # The analysed fields are methods of a mixin, not of a model, which the base class would
        # prefix with the model's app; they mean the same on every model, so one name serves all.
        if field in AnalysedSearch.ANALYSED:
            return field.field_name
        return super().get_field_column_name(field)


class SearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(Elasticsearch9SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    settings = deep_update(deepcopy(Elasticsearch9SearchBackend.settings), INDEX_SETTINGS)
