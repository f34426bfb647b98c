"""Wagtail's routing, remembered until the content changes.

Wagtail finds a page by walking the tree from the site's root, two queries per level (the child
with the slug, then its specific row), after finding the site and the root's translation: seven
queries for a programme, before anything is shown. Here the site, and the page an address leads
to, are fragments kept until the content changes (`home.caching`; publishing, moving or deleting
a page changes its version), so a page is found without a query. Wagtail's `route()` still runs
on that page (a page that is no longer live is not found; a routable page resolves
its own sub-address), and Wagtail's serve view and its hooks (privacy, passwords) still serve it.
Only ordinary page addresses are remembered; sub-addresses (feeds, a status check) and addresses
that lead nowhere are routed as Wagtail does, so nobody can fill the cache with made-up paths.
"""

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.views import serve

from home.caching import fragment_key, fragment_seconds, remember
from home.lookups import locale_by_pk, serving


def site_for_request(request):
    """`Site.find_for_request`, from the cache."""
    if not hasattr(request, "_wagtail_site"):
        key = f"site:{request.get_host()}:{request.get_port()}"
        request._wagtail_site = remember(key, lambda: [Site._find_for_request(request)])[0]
    return request._wagtail_site


class RememberedRouteMiddleware:
    """Fills Wagtail's own per-request route (`request._wagtail_route_for_request`) from the
    remembered address before Wagtail's serve view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        site = site_for_request(request)
        if site is None:
            return None
        components = [component for component in path.split("/") if component]
        key = fragment_key(f"route:{site.pk}:{get_language()}:{'/'.join(components)}")
        found = cache.get(key)
        route = self.remembered(request, found) if found else None
        own_address = route is not None
        if route is None:
            route = self.routed(request, site, components)
            page = route[0] if route else None
            own_address = page is not None and page.depth - site.root_page.depth == len(components)
            if own_address:
                cache.set(key, page, timeout=fragment_seconds())
        request._wagtail_route_for_request = route
        if route is not None:
            page = route[0]
            # Not a sub-address (a feed, a status check): what is around the page's content
            # depends on the page alone (`published_page` in home/templatetags/site_tags.py).
            request.page_at_its_address = page.pk if own_address else None
            serving(page)
            # Every template asks the page for its language.
            page._state.fields_cache.setdefault("locale", locale_by_pk(page.locale_id))
        return None

    @staticmethod
    def routed(request, site, components):
        """Wagtail's `Page.route_for_request`: from the root's translation (found with the
        remembered locale) down the address."""
        try:
            return site.root_page.specific.localized.route(request, components)
        except Http404:
            return None

    @staticmethod
    def remembered(request, page):
        try:
            return page.route(request, [])
        except Http404:
            return None
