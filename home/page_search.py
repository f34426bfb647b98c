"""The admin's search of pages names what it counts: "1-20 of 120 pages". Wagtail's own search
view leaves its listing without a model name, and its header read "of None" in every language;
its other listings take the name from their model, in its singular and one plural."""

from django.utils.translation import npgettext
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


class PageSearchView(SearchView):
    verbose_name = Page._meta.verbose_name
    verbose_name_plural = Page._meta.verbose_name_plural

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Arabic names a count of pages in six forms (صفحتان, ٣ صفحات, ١٢٠ صفحة), not two.
        count = context.get("items_count") or 0
        context["verbose_name_plural"] = npgettext("counted in the admin", "page", "pages", count)
        return context


class PagesViewSet(PageViewSet):
    """Wagtail's views for every page type without a viewset of its own, its search included."""

    model = Page
    search_view_class = PageSearchView
