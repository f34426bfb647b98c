from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from search.query import forget_vocabulary

        page_published.connect(forget_vocabulary, dispatch_uid="search-vocabulary-published")
        page_unpublished.connect(forget_vocabulary, dispatch_uid="search-vocabulary-unpublished")
