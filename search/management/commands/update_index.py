"""`manage.py update_index`: Wagtail's, which then records the text analysis the index was built
with, so that a check (search/checks.py) says when the site's analysis has changed since, and
forgets the searches remembered from the index as it was."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as Rebuild

from home.caching import bump_version
from search.models import SearchIndexState


class Command(Rebuild):
    def handle(self, **options):
        super().handle(**options)
        if not options.get("schema_only"):
            SearchIndexState.record()
        bump_version()
