"""A deployment whose search index was built with another text analysis than the code's: the
words of its pages were stemmed one way and visitors' queries are stemmed another, and searches
miss pages they should find (a query for ورشة would not find the workshop)."""

from django.core import checks
from django.db import DatabaseError

from search.analysis import digest
from search.models import SearchIndexState


@checks.register(checks.Tags.database)
def index_built_with_this_analysis(app_configs, **kwargs):
    try:
        state = SearchIndexState.objects.filter(pk=SearchIndexState.ONE).first()
    except DatabaseError:
        return []  # not migrated yet, or no database at hand
    if state is None or state.analysis == digest():
        return []
    return [
        checks.Warning(
            "The search index was built with another version of the site's text analysis: "
            "searches miss pages until it is built again.",
            hint="Run `python manage.py update_index`.",
            id="search.W001",
        )
    ]
