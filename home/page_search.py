"""The admin's search of pages names what it counts: "1-20 of 120 pages". Wagtail's own search
view leaves its listing without a model name, and its header read "of None" in every language;
its other listings take the name from their model."""

from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


class PageSearchView(SearchView):
    verbose_name = Page._meta.verbose_name
    verbose_name_plural = Page._meta.verbose_name_plural


class PagesViewSet(PageViewSet):
    """Wagtail's views for every page type without a viewset of its own, its search included."""

    model = Page
    search_view_class = PageSearchView
