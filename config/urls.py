from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from home.views import healthz, robots_txt, sitemap, worker_healthz

# Error pages that need no database, in the address's language (home/errors.py).
handler400 = "home.errors.bad_request"
handler500 = "home.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/worker", worker_healthz, name="worker_healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only. Documents and applicants' files are private files, not under MEDIA_ROOT at
    # all (home/storage.py).
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=Path(settings.MEDIA_ROOT, "images")
    )

# Every public page lives under its language: /ar/..., /en/..., /fr/...; "/" redirects.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include("indicators.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
