"""The order of search results, written once for every backend. Plain Python, no Django.

The rules, strongest first:

1. items with every query term come first, then those with most terms (a synonym counts as the
   word it stands for);
2. section and home pages come below content, unless their title holds every term;
3. a title holding every term, then the terms together in the text (a phrase, or within a few
   words of each other), then more of the terms in the title, above terms scattered about;
4. among items equal by these rules, the one where the terms weigh most (short title, terms
   early, first of all in the title, and often), and fresh news and events slightly above old
   ones.

The database backends fetch the candidates (any term matching) and order them with `sort_key`,
on the analysed text their index stores (search/query.py). Elasticsearch gets the same rules as
a query (`search/elasticsearch.py` builds it from `WEIGHTS`), scored on the cluster.
"""

import math
from dataclasses import dataclass
from datetime import date

# Terms within this many words of each other count as "together" (beside an exact phrase).
NEARBY = 3
# How Elasticsearch weighs each rule, in the same order as the rules above.
WEIGHTS = {
    "term": 100.0,
    "all_terms": 100.0,
    "title_all_terms": 30.0,
    "phrase": 20.0,
    "nearby": 10.0,
    "title": 5.0,
    "title_start": 2.0,  # within rule 4: a title that starts with the term
    # Multipliers of the whole score.
    "section": 0.2,
    "fresh": 1.2,
}
# News older than this many days gets no freshness at all; the newest get the most.
FRESH_DAYS = 365


@dataclass(frozen=True)
class Concept:
    """One thing the visitor asked for: a word, or a word and its synonyms. Each alternative is
    a sequence of analysed terms (a synonym may be several words: الاسكوا = لجنه امم متحد)."""

    alternatives: tuple

    @property
    def terms(self):
        return {term for alternative in self.alternatives for term in alternative}


def concepts(terms, synonyms=()):
    """The concepts of a query's analysed `terms`; `synonyms` is a list of groups, each a list of
    term sequences meaning the same. The longest synonym matching at a place wins."""
    entries = {}
    for group in synonyms:
        for entry in group:
            if entry:
                entries.setdefault(tuple(entry), tuple(dict.fromkeys(map(tuple, group))))
    longest = max((len(entry) for entry in entries), default=0)
    found = []
    position = 0
    while position < len(terms):
        for size in range(min(longest, len(terms) - position), 0, -1):
            typed = tuple(terms[position : position + size])
            group = entries.get(typed)
            if group:
                # What was typed first: Elasticsearch's phrase rules use it.
                found.append(Concept((typed, *(a for a in group if a != typed))))
                position += size
                break
        else:
            found.append(Concept(((terms[position],),)))
            position += 1
    return list(dict.fromkeys(found))


def _positions(words, concept):
    """Where any alternative of `concept` starts in `words`."""
    places = []
    for alternative in concept.alternatives:
        size = len(alternative)
        first = alternative[0]
        for index, word in enumerate(words):
            if word == first and tuple(words[index : index + size]) == alternative:
                places.append(index)
    return sorted(places)


def _window(positions):
    """The fewest words covering one position of each list (all non-empty)."""
    events = sorted((place, which) for which, places in enumerate(positions) for place in places)
    needed = len(positions)
    counts = [0] * needed
    covered = 0
    best = math.inf
    start = 0
    for place, which in events:
        if counts[which] == 0:
            covered += 1
        counts[which] += 1
        while covered == needed:
            first_place, first_which = events[start]
            best = min(best, place - first_place + 1)
            counts[first_which] -= 1
            if counts[first_which] == 0:
                covered -= 1
            start += 1
    return best


@dataclass
class Candidate:
    """What the ranking knows of one result."""

    key: object
    title: list  # analysed title terms
    text: list  # analysed terms of everything indexed, the title included
    section: bool = False
    fresh: date | None = None  # the date of news and events, for freshness among equals
    order: int = 0  # the backend's own order, the last tie-break


def sort_key(candidate, query, today):
    """Sorts `candidate` among the results of `query` (a list of concepts): lower is better."""
    wanted = len(query)
    positions = [_positions(candidate.text, concept) for concept in query]
    matched = sum(1 for places in positions if places)
    title_places = [_positions(candidate.title, concept) for concept in query]
    in_title = sum(1 for places in title_places if places)
    title_all = in_title == wanted
    together = phrase = False
    if matched == wanted and wanted > 1:
        span = _window(positions)
        length = sum(min(len(a) for a in concept.alternatives) for concept in query)
        phrase = span <= length
        together = span <= length + NEARBY
    elif matched == wanted:
        together = phrase = True
    demoted = candidate.section and not title_all
    # How much the terms weigh in this item: a short title made of them, terms early (first in
    # the title: "ورشة الأمن الرقمي" is a workshop, "نشر جدول الورشات" news of them) and often.
    weight = 0.0
    if candidate.title:
        weight += in_title / len(candidate.title)
        weight += sum(0.2 / (1 + places[0]) for places in title_places if places)
    for places in positions:
        if places:
            weight += 0.2 * math.log1p(len(places)) + 0.3 / (1 + places[0] / 20)
    weight /= 1 + math.log1p(len(candidate.text)) / 10
    freshness = 0
    if candidate.fresh is not None:
        age = (today - candidate.fresh).days
        freshness = max(0, FRESH_DAYS - max(age, 0)) / FRESH_DAYS
    return (
        -matched,
        demoted,
        -title_all,
        -phrase,
        -together,
        -in_title,
        -round(weight, 2),
        -round(freshness, 1),
        -weight,
        candidate.order,
    )


def rank(candidates, query, today):
    """`candidates` best first."""
    return sorted(candidates, key=lambda candidate: sort_key(candidate, query, today))
