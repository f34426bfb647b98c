"""The site's own address. Wagtail builds every full address (sitemap, feeds, canonical and share
links, emails) from its Site's host name and port, which start as localhost:80: they come from
SITE_BASE_URL instead, set at `load_demo` and by `manage.py set_site_address` on each deploy.
A system check warns when they differ; the deployment check, when the address is this machine's."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def configured_address():
    """(host name, port) of SITE_BASE_URL: https://tamkeen.example.org is that host on 443."""
    parts = urlsplit(settings.SITE_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"SITE_BASE_URL is not an http(s) address: {settings.SITE_BASE_URL!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def set_site_address():
    """Give the default site SITE_BASE_URL's host name and port; returns the site."""
    hostname, port = configured_address()
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


@checks.register(checks.Tags.urls)
def site_address_matches(app_configs, **kwargs):
    try:
        hostname, port = configured_address()
    except ValueError as error:
        return [checks.Error(str(error), id="home.E001")]
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # not migrated yet, or no database at hand: nothing to compare
    if site is None or (site.hostname, site.port) == (hostname, port):
        return []
    return [
        checks.Warning(
            f"The site's address is {site.root_url}, SITE_BASE_URL says {settings.SITE_BASE_URL}: "
            "full addresses (sitemap, feeds, emails) use the former.",
            hint="Run `python manage.py set_site_address`.",
            id="home.W001",
        )
    ]


@checks.register(checks.Tags.urls, deploy=True)
def site_address_is_public(app_configs, **kwargs):
    try:
        hostname, _port = configured_address()
    except ValueError:
        return []  # said by the check above
    if hostname in LOCAL_HOSTS:
        return [
            checks.Warning(
                f"SITE_BASE_URL is {settings.SITE_BASE_URL}: sitemap, feeds and emails would "
                "send visitors to this machine.",
                hint="Set SITE_BASE_URL to the public address, e.g. https://tamkeen.example.org.",
                id="home.W002",
            )
        ]
    return []
