from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from home.caching import watch
        from home.indexing import analyse_with
        from home.models import HomePage
        from search import checks, signals  # noqa: F401
        from search.analysis import analyse
        from search.models import SynonymGroup
        from search.results import register_result_type
        from search.vocabulary import forget as forget_vocabulary

        analyse_with(analyse)
        # Synonyms change what a remembered search finds.
        watch(SynonymGroup)
        # The home page links to everything: it comes after content unless its title matches.
        register_result_type(HomePage, section=True)
        page_published.connect(forget_vocabulary, dispatch_uid="search-vocabulary-published")
        page_unpublished.connect(forget_vocabulary, dispatch_uid="search-vocabulary-unpublished")
