"""Mark the words of a text that match the query, compared in analysed form, so that a query
typed without diacritics highlights the word as it is written, with them."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import terms

# Words with their diacritics and tatweel, which \w alone would cut the word at.
_WORD = re.compile("[\\w\u064b-\u065f\u0670\u0640]+")


def highlight(text, query_terms, language="ar"):
    """`text` escaped, with matching words wrapped in <mark>."""
    wanted = set(query_terms)
    parts = []
    last = 0
    for match in _WORD.finditer(text):
        word_terms = terms(match.group(), language)
        if word_terms and word_terms[0] in wanted:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
