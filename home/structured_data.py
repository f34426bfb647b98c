"""schema.org data for search engines, written into a page's <script type="application/ld+json">."""

import json

from django.utils.safestring import mark_safe


def json_ld(data):
    """`data` as JSON that is safe inside a <script> element: no "</script>" can end it early."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - the HTML-significant characters are escaped above
