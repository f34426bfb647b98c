"""The site's own address comes from SITE_BASE_URL: a deployed site's sitemap, canonical links
and feeds never say localhost, and a check says when the two differ."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from home.management.commands import load_demo
from home.siteaddress import site_address_is_public, site_address_matches
from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://tamkeen.example.org"


def test_a_deployed_site_names_its_own_host_in_the_sitemap(client, home, settings):
    StandardPageFactory(parent=home, slug="about", title="عن البرنامج")
    settings.SITE_BASE_URL = PUBLIC
    out = StringIO()
    call_command("set_site_address", stdout=out)
    assert PUBLIC in out.getvalue()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/ar/about/</loc>" in sitemap
    assert "localhost" not in sitemap


def test_canonical_links_and_feeds_name_the_public_address(client, home, settings):
    news = NewsIndexPageFactory(parent=home, slug="news")
    article = NewsPageFactory(parent=news, slug="launch", title="إطلاق البرنامج")
    settings.SITE_BASE_URL = PUBLIC
    call_command("set_site_address", stdout=StringIO())
    page = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/ar/news/launch/">' in page
    feed = client.get("/ar/news/rss/").content.decode()
    assert f"{PUBLIC}/ar/news/launch/" in feed
    assert "localhost" not in feed


def test_load_demo_gives_the_site_its_address(home, settings):
    StandardPageFactory(parent=home)  # a site with content: the demo is not loaded again
    settings.SITE_BASE_URL = "http://127.0.0.1:8123"
    call_command("load_demo", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)


def test_load_demo_does_not_warn_about_the_address_it_sets(home, settings):
    StandardPageFactory(parent=home)  # a site with content: the demo is not loaded again
    settings.SITE_BASE_URL = "http://127.0.0.1:8123"
    assert [warning.id for warning in site_address_matches(None)] == ["home.W001"]
    errors = StringIO()
    # As `manage.py load_demo` runs it: with whatever system checks the command asks for.
    load_demo.Command().execute(
        stdout=StringIO(),
        stderr=errors,
        skip_checks=False,
        no_color=True,
        force_color=False,
        as_written=False,
    )
    assert "home.W001" not in errors.getvalue()
    assert site_address_matches(None) == []


def test_an_address_that_is_not_http_is_refused(db, settings):
    settings.SITE_BASE_URL = "tamkeen.example.org"
    with pytest.raises(CommandError, match="SITE_BASE_URL"):
        call_command("set_site_address", stdout=StringIO())
    assert [error.id for error in site_address_matches(None)] == ["home.E001"]


def test_the_check_warns_while_the_site_and_the_setting_differ(db, settings):
    settings.SITE_BASE_URL = PUBLIC
    warnings = site_address_matches(None)
    assert [warning.id for warning in warnings] == ["home.W001"]
    assert "http://localhost" in warnings[0].msg and PUBLIC in warnings[0].msg
    call_command("set_site_address", stdout=StringIO())
    assert site_address_matches(None) == []


def test_the_deployment_check_warns_about_an_address_on_this_machine(settings):
    settings.SITE_BASE_URL = "http://127.0.0.1:8000"
    assert [warning.id for warning in site_address_is_public(None)] == ["home.W002"]
    settings.SITE_BASE_URL = PUBLIC
    assert site_address_is_public(None) == []
