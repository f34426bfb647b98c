"""The words the site itself publishes: every normalised word of the live titles and summaries in
a language. The spelling suggestion picks from them (on the results page and as a visitor types),
and a visitor's search is offered to others only in them."""

import difflib
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


def closest(text, language):
    """The text with each word the site does not publish replaced by the closest one it does
    ("السيبرني" → "السيبراني"); "" when no word changes."""
    known = words(language)
    published = set(known)
    typed = WORD.findall(normalise(text))
    corrected = []
    for word in typed:
        if word in published:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    return " ".join(corrected) if corrected != typed else ""


def forget(**kwargs):
    for code in Locale.objects.values_list("language_code", flat=True):
        cache.delete(f"search-vocabulary-{code}")
