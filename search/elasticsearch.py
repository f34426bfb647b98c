"""Elasticsearch with the site's own text analysis (set ELASTICSEARCH_URL to use it).

Pages, documents and snippets reach the index already analysed (home/indexing.py) and queries
are analysed the same way before they are sent (search/query.py, search/api.py): Arabic
normalisation and light stemming, English and French Snowball stemming in the page's language.
Elasticsearch must take those terms as they come, so its default analyzer is the site's
normalisation (the very tables of search/analysis.py) and a tokenizer that splits where
`analysis.terms` does, with no stemmer or stop words of its own: analysed text passes through
unchanged, and the raw text of models the site does not analyse (images, users in the admin) gets
the same Arabic folding. Elasticsearch's `arabic`, `english` and `french` analyzers are left out
on purpose: stemming the stems again would part the results from the database backends'.

The site's searches reach the cluster as `Ranked` queries: the rules of search/ranking.py as one
Elasticsearch query (`ranked_query`), so that the cluster orders results as the database
backends do.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.index import AutocompleteField
from modelsearch.query import SearchQuery

from home.indexing import AnalysedSearch
from search.analysis import FOLDING, MARKS, TANWEEN_ALEF
from search.ranking import FRESH_DAYS, NEARBY, WEIGHTS
from search.results import RESULT_TYPES

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


class Ranked(SearchQuery):
    """A query of the site's search: its concepts (search/ranking.py), in the site's order."""

    def __init__(self, concepts):
        self.concepts = concepts

    def __repr__(self):
        return f"<Ranked {self.concepts!r}>"


TITLE = "analysed_title"
TEXT = "_all_text"


def _concept(concept, field):
    """Any alternative of a concept (a word or one of its synonyms), each as a phrase."""
    return {
        "bool": {
            "should": [
                {"match_phrase": {field: " ".join(alternative)}}
                for alternative in concept.alternatives
            ],
            "minimum_should_match": 1,
        }
    }


def _starts_title(concept):
    """Any alternative of a concept as the title's first words."""

    def first(alternative):
        words = [{"span_term": {TITLE: term}} for term in alternative]
        match = words[0] if len(words) == 1 else {"span_near": {"clauses": words, "slop": 0}}
        return {"span_first": {"match": match, "end": len(alternative)}}

    return {
        "bool": {
            "should": [first(alternative) for alternative in concept.alternatives],
            "minimum_should_match": 1,
        }
    }


def _every(concepts, field):
    return {"bool": {"must": [_concept(concept, field) for concept in concepts]}}


def _labels(models):
    return [f"{model._meta.app_label}.{model.__name__}" for model in models]


def ranked_query(concepts):
    """The ranking rules as an Elasticsearch query: each concept found weighs most (most terms
    first), then every term, every term in the title, the terms together (a phrase, then within
    NEARBY words), each term in the title (more at its start), then the text's own relevance; a
    section page's score is cut unless its title holds every term, and news and events gain a
    little when fresh."""
    words = " ".join(concept.alternatives[0][0] for concept in concepts)
    relevance = {
        "bool": {
            "must": {"bool": {"should": [_concept(c, TEXT) for c in concepts]}},
            "should": [
                *(
                    {"constant_score": {"filter": _concept(c, TEXT), "boost": WEIGHTS["term"]}}
                    for c in concepts
                ),
                {
                    "constant_score": {
                        "filter": _every(concepts, TEXT),
                        "boost": WEIGHTS["all_terms"],
                    }
                },
                {
                    "constant_score": {
                        "filter": _every(concepts, TITLE),
                        "boost": WEIGHTS["title_all_terms"],
                    }
                },
                {"match_phrase": {TEXT: {"query": words, "boost": WEIGHTS["phrase"]}}},
                {
                    "match_phrase": {
                        TEXT: {"query": words, "slop": NEARBY, "boost": WEIGHTS["nearby"]}
                    }
                },
                *(
                    {"constant_score": {"filter": _concept(c, TITLE), "boost": WEIGHTS["title"]}}
                    for c in concepts
                ),
                *(
                    {
                        "constant_score": {
                            "filter": _starts_title(c),
                            "boost": WEIGHTS["title_start"],
                        }
                    }
                    for c in concepts
                ),
                {"match": {TEXT: {"query": words}}},
            ],
        }
    }
    sections = _labels(model for model, kind in RESULT_TYPES.items() if kind.section)
    fresh = _labels(model for model, kind in RESULT_TYPES.items() if kind.fresh)
    freshness = {
        "function_score": {
            "query": relevance,
            "functions": [
                {"weight": 1},
                {
                    "filter": {"terms": {"_django_content_type": fresh}},
                    "gauss": {
                        "first_published_at_filter": {"origin": "now", "scale": f"{FRESH_DAYS}d"}
                    },
                    "weight": WEIGHTS["fresh"] - 1,
                },
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }
    return {
        "function_score": {
            "query": freshness,
            "functions": [
                {
                    "filter": {
                        "bool": {
                            "filter": {"terms": {"_django_content_type": sections}},
                            "must_not": _every(concepts, TITLE),
                        }
                    },
                    "weight": WEIGHTS["section"],
                }
            ],
            "boost_mode": "multiply",
        }
    }


class Mapping(Elasticsearch9Mapping):
    # What is typed in a chooser is folded like the titles it is matched against.
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}

    def get_field_column_name(self, field):
        # The analysed fields are methods of a mixin, not of a model, which the base class would
        # prefix with the model's app; they mean the same on every model, so one name serves all.
        if field in AnalysedSearch.ANALYSED:
            if isinstance(field, AutocompleteField):
                return f"{field.field_name}_edgengrams"
            return field.field_name
        return super().get_field_column_name(field)


class SearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = Mapping

    def get_inner_query(self):
        if isinstance(self.query, Ranked):
            return ranked_query(self.query.concepts)
        return super().get_inner_query()


class AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(Elasticsearch9SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler

    def __init__(self, params):
        # The Arabic analysis goes in through the backend's own INDEX_SETTINGS option, which
        # modelsearch merges into its default index settings.
        super().__init__({**params, "INDEX_SETTINGS": deepcopy(INDEX_SETTINGS)})
