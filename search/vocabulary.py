"""The words the site itself publishes: every normalised word of the live titles and summaries in
a language. The spelling suggestion picks from them, and a visitor's search is offered to others
only in them."""

import re

from django.core.cache import cache
from wagtail.models import Locale, Page

from home.models import public
from search.analysis import normalise

CACHE_SECONDS = 60 * 60
WORD = re.compile(r"\w+")


def words(language):
    """The sorted words of more than two letters (cached until a page is published or
    unpublished)."""
    key = f"search-vocabulary-{language}"
    found = cache.get(key)
    if found is None:
        found = set()
        pages = public(Page.objects).filter(locale__language_code=language).specific()
        for page in pages.iterator(chunk_size=500):
            text = f"{page.title} {getattr(page, 'summary', '')}"
            found.update(word for word in WORD.findall(normalise(text)) if len(word) > 2)
        found = sorted(found)
        cache.set(key, found, CACHE_SECONDS)
    return found


def forget(**kwargs):
    for code in Locale.objects.values_list("language_code", flat=True):
        cache.delete(f"search-vocabulary-{code}")
