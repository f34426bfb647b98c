import importlib
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import clear_url_caches
from wagtail.models import Locale, Site


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a fresh server would."""
    cache.clear()


@pytest.fixture
def home(db):
    """The Arabic home page the migrations create: the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english_home(home):
    page = home.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    page.title = "Home"
    page.save_revision().publish()
    return page


@pytest.fixture
def demo(db):
    """The whole demo site, as `make run` loads it."""
    call_command("load_demo", stdout=StringIO())
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def development_urls(settings):
    """The addresses `make run` serves (DEBUG on), media folder included."""
    import config.urls

    debug, settings.DEBUG = settings.DEBUG, True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = debug
    importlib.reload(config.urls)
    clear_url_caches()
