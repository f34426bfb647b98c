from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and events")

    def ready(self):
        from home.blocks import register_teaser
        from search.results import register_result_type

        from .models import EventIndexPage, EventPage, NewsIndexPage, NewsPage

        register_teaser("news", _("Latest news and announcements"), "news/teasers/latest_news.html")
        register_teaser("events", _("Upcoming events"), "news/teasers/upcoming_events.html")
        # In search results: a news item shows its date, an event its start; the newer ones go
        # slightly above older ones among equal matches.
        register_result_type(NewsPage, when=lambda page: page.date, fresh=True)
        # The day it happens where it happens: a date, so that no time zone moves it.
        register_result_type(EventPage, when=lambda page: page.local_starts.date(), fresh=True)
        register_result_type(NewsIndexPage, section=True)
        register_result_type(EventIndexPage, section=True)
