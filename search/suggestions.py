"""Suggestions as the visitor types: titles with words starting with what was typed, in the
site's analysis, and the popular searches that found something.

A search is what one visitor typed, and may hold what is theirs alone (a name, a telephone number,
an address). It is offered to others only when several searched it and every word of it is one the
site itself publishes."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from home.caching import remember
from home.lookups import active_locale
from home.models import public
from search.analysis import STOP_WORDS, normalise, terms
from search.services import offered_services
from search.vocabulary import WORD, closest
from search.vocabulary import words as published_words

MIN_LETTERS = 3
TITLES = 6
POPULAR = 3
# The popular searches looked through: the most searched, answered ones.
POPULAR_POOL = 200
# How many times a search must have been made before it is offered to anyone.
POPULAR_MIN_HITS = 3


def prefix_terms(text, language):
    """The analysed words of `text`, the last one as typed so far: its stem when that keeps at
    least three letters (الجمعي → جمع), else the word without its article (بيان, not بي)."""
    words = normalise(text).split()
    if not words:
        return []
    *complete, last = words
    analysed = terms(" ".join(complete), language)
    partial = terms(last, language)
    if not partial:
        return analysed
    if len(partial[0]) >= MIN_LETTERS or not _is_arabic(last):
        return [*analysed, partial[0]]
    return [*analysed, _without_article(last)]


def _is_arabic(word):
    return any("\u0621" <= letter <= "\u064a" for letter in word)


def _without_article(word):
    for prefix in ("وال", "بال", "كال", "فال", "لل", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def suggestions(text, language):
    """[{"title", "url"}]: the services named, matching titles, then popular searches."""
    typed = normalise(text).strip()
    if sum(letter.isalnum() for letter in typed) < MIN_LETTERS:
        return []
    wanted = [term for term in prefix_terms(text, language) if term not in STOP_WORDS]
    found = []
    if wanted:
        *complete, last = wanted

        def named(words):
            return set(complete) <= set(words) and any(word.startswith(last) for word in words)

        services = offered_services(named, language)
        found = [{"title": service["label"], "url": service["url"]} for service in services]
        found += titles_starting(wanted)
        # Read as a word with a letter missing only once it has four letters: shorter, it may
        # still be the start of one.
        if not found and len(typed.split()[-1]) >= 4 and (corrected := closest(text, language)):
            # A letter dropped or swapped (السيبرني): titles with the word as the site writes it.
            found = titles_starting(
                [term for term in prefix_terms(corrected, language) if term not in STOP_WORDS]
            )
    search = reverse("search:search")
    titles = {item["title"] for item in found}
    for query in popular_searches(typed, language)[:POPULAR]:
        if query not in titles:
            found.append({"title": query, "url": f"{search}?{urlencode({'q': query})}"})
    return found


def titles_starting(wanted):
    """The published pages of the reader's language with every term, the last as a prefix."""
    if not wanted:
        return []
    pages = public(Page.objects).filter(locale=active_locale())
    matches = pages.autocomplete(" ".join(wanted), operator="and")[:TITLES]
    return [{"title": page.title, "url": page.url} for page in matches]


def popular_searches(typed, language):
    """Searches that found something, most searched first, with a word starting as typed."""

    def answered():
        queries = Query.get_most_popular().filter(
            unanswered__isnull=True, _hits__gte=POPULAR_MIN_HITS
        )
        return list(queries.values_list("query_string", flat=True)[:POPULAR_POOL])

    starting = [
        query
        for query in remember("search-popular", answered)
        if (written := normalise(query)).startswith(typed) or f" {typed}" in written
    ]
    if not starting:
        return []
    published = set(published_words(language))
    return [query for query in starting if in_published_words(query, published)]


def in_published_words(query, published):
    """Whether every word of the query is among the words the site publishes: short words
    (في، من) aside, unless they hold a digit."""
    for word in WORD.findall(normalise(query)):
        if word in published:
            continue
        if len(word) > 2 or any(letter.isdigit() for letter in word):
            return False
    return True
