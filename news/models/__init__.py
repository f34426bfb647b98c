"""News' models, by concept: filing.py (news categories and tags), news.py (the news list and
news pages), events.py (the events lists and event pages) and settings.py (the news and events
settings)."""

from .events import (
    EventIndexPage,
    EventPage,
    EventQuerySet,
    default_time_zone,
    event_queryset,
    time_zone_choices,
    validate_time_zone,
)
from .filing import NewsCategory, NewsPageTag
from .news import NewsIndexPage, NewsPage, RelatedNews, RelatedProgramme, is_visible, news_queryset
from .settings import NewsSettings

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventQuerySet",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsSettings",
    "RelatedNews",
    "RelatedProgramme",
    "default_time_zone",
    "event_queryset",
    "is_visible",
    "news_queryset",
    "time_zone_choices",
    "validate_time_zone",
]
