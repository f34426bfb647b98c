"""RSS 2.0 and Atom feeds of a news index, with the same filters as its list."""

import datetime
import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

RSS = feedgenerator.Rss201rev2Feed
ATOM = feedgenerator.Atom1Feed
FEED_LENGTH = 30


def published(item):
    """An item's date as a moment: the start of that day in the site's time zone."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(item.date, datetime.time.min, tzinfo=zone)


def response(index, request, feed_class):
    filters = index.filters(request)
    items = list(filters.qs[:FEED_LENGTH])
    title = f"{index.title} | {_('Tamkeen')}"
    chosen = filters.chosen.get("category")
    category = next((c for c in filters.categories if c.slug == chosen), None)
    if category is not None:
        title = f"{category.name} | {title}"
    feed = feed_class(
        title=title,
        link=index.get_full_url(request),
        description=index.summary or title,
        language=index.locale.language_code,
        feed_url=request.build_absolute_uri(),
    )
    for item in items:
        link = item.get_full_url(request)
        feed.add_item(
            title=item.title,
            link=link,
            description=item.summary,
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=published(item),
            updateddate=item.last_published_at,
            categories=[item.category.name] if item.category else (),
        )
    output = HttpResponse(content_type=feed.content_type)
    feed.write(output, "utf-8")
    return output
