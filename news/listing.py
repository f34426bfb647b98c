"""The news list's filters: kind, category, tag and year, read from the query string.

A value that names nothing (a mistyped link, an old category, a year with no news) is ignored, so
any address a visitor follows shows news rather than an error.
"""

from urllib.parse import urlencode

from home.caching import remember
from home.querystring import whole_number

from .models import NewsCategory, NewsPage, news_queryset

MAX_TAG_LENGTH = 100


class NewsFilters:
    def __init__(self, query, index):
        self.index = index
        self.kind = self._choice(query.get("kind"), dict(NewsPage.Kind.choices))
        self.categories = list(NewsCategory.objects.filter(locale_id=index.locale_id))
        self.category = self._choice(query.get("category"), {c.slug: c for c in self.categories})
        tag = (query.get("tag") or "").strip()
        # A NUL byte can name no tag, and PostgreSQL refuses it in a query.
        self.tag = tag if 0 < len(tag) <= MAX_TAG_LENGTH and "\x00" not in tag else ""
        self.years = remember(f"news-years:{index.pk}", lambda: self._years(index))
        year = whole_number(query.get("year"))
        self.year = year if year in self.years else None

    @staticmethod
    def _years(index):
        return [d.year for d in news_queryset().child_of(index).dates("date", "year", order="DESC")]

    @staticmethod
    def _choice(value, choices):
        return value if isinstance(value, str) and value in choices else ""

    @property
    def kinds(self):
        return NewsPage.Kind.choices

    @property
    def active(self):
        return bool(self.kind or self.category or self.tag or self.year)

    def apply(self, news):
        if self.kind:
            news = news.filter(kind=self.kind)
        if self.category:
            news = news.filter(category__slug=self.category)
        if self.tag:
            news = news.filter(tags__name=self.tag)
        if self.year:
            news = news.filter(date__year=self.year)
        return news

    def as_dict(self):
        values = {
            "kind": self.kind,
            "category": self.category,
            "tag": self.tag,
            "year": self.year or "",
        }
        return {key: value for key, value in values.items() if value}

    def feed_query(self):
        """The same filters for the feed's address (the feed has no pages)."""
        query = urlencode(self.as_dict())
        return f"?{query}" if query else ""
