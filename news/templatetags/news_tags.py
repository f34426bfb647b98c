from django import template

from home.lookups import active_locale
from news import dates
from news.models import NewsSettings, event_queryset, news_queryset

register = template.Library()


def _show_hijri(request):
    return request is not None and NewsSettings.for_request(request).show_hijri_dates


@register.inclusion_tag("news/tags/date.html", takes_context=True)
def news_date(context, value):
    """A date in the page's language, with the Hijri date beside it when the site shows it."""
    return {
        "value": value,
        "hijri": dates.hijri(value) if _show_hijri(context.get("request")) else "",
    }


@register.inclusion_tag("news/tags/event_when.html", takes_context=True)
def event_when(context, event):
    """When an event happens, in its own time zone; one date when it starts and ends that day."""
    starts, ends = event.local_starts, event.local_ends
    return {
        "event": event,
        "starts": starts,
        "ends": ends,
        "same_day": starts.date() == ends.date(),
        "zone": dates.zone_name(starts),
        "hijri": dates.hijri(starts.date()) if _show_hijri(context.get("request")) else "",
    }


@register.inclusion_tag("news/tags/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The newest news of the active language, for the home page."""
    items = list(news_queryset().filter(locale=active_locale())[:limit])
    index = items[0].get_parent() if items else None  # only its address is shown
    return {"request": context.get("request"), "items": items, "index": index}


@register.inclusion_tag("news/tags/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit=3):
    """The next events of the active language, for the home page."""
    items = list(event_queryset().filter(locale=active_locale()).upcoming()[:limit])
    index = items[0].get_parent() if items else None  # only its address is shown
    return {"request": context.get("request"), "items": items, "index": index}
