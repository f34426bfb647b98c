"""Addresses for machines: the health check for load balancers; for search engines, the sitemap of
every public page in every language, and robots.txt."""

from collections import defaultdict

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from home.models import visible_pages

from .workers import uses_worker, worker_alive


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 while the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def worker_healthz(request):
    """For monitoring: 503 when tasks wait for a worker (TASK_QUEUE=database) and none has been
    seen for two minutes; with tasks run in the request there is no worker to wait for."""
    if not uses_worker():
        return HttpResponse("ok: tasks run in the request", content_type="text/plain")
    try:
        alive = worker_alive()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if not alive:
        return HttpResponse("no worker seen", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def sitemap_entries(request):
    """One entry per public page of the site, in every language, each with the addresses of all
    its translations as hreflang alternates; a fixed number of queries however many pages."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    roots = site.root_page.get_translations(inclusive=True)
    pages = visible_pages().none()
    for root in roots:
        pages |= visible_pages().descendant_of(root, inclusive=True)
    pages = pages.select_related("locale").order_by("path")
    entries = []
    by_key = defaultdict(list)
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        entry = {
            "location": url,
            "lastmod": page.last_published_at,
            "lang": page.locale.language_code,
            "alternates": by_key[page.translation_key],
        }
        by_key[page.translation_key].append(entry)
        entries.append(entry)
    return entries


@require_GET
@cache_control(max_age=3600)
def sitemap(request):
    return TemplateResponse(
        request,
        "home/sitemap.xml",
        # Visitors whose language has no version are sent to the site's own language.
        {"entries": sitemap_entries(request), "default_language": settings.LANGUAGE_CODE},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
