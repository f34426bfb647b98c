"""Item types `news` and `event` (and their index pages) for the content import."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from home.importers import home_page
from home.importing import register, text_list
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, index_page


def news_index(locale):
    return index_page(NewsIndexPage, locale, "news", _("News"))


def event_index(locale):
    return index_page(EventIndexPage, locale, "events", _("Events"))


def _string(item, key, max_length):
    value = item.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    value = value.strip()
    if len(value) > max_length:
        raise ValueError(f"'{key}' is longer than {max_length} characters")
    return value


def _choice(item, key, choices, default):
    value = item.get(key, default)
    if value not in choices:
        raise ValueError(f"'{key}' must be one of: {', '.join(choices)}")
    return value


def news_fields(item):
    values = {"kind": _choice(item, "kind", NewsPage.Kind.values, NewsPage.Kind.NEWS)}
    if "date" in item:
        try:
            values["date"] = datetime.date.fromisoformat(str(item["date"]))
        except ValueError as error:
            raise ValueError(
                f"'date' must be a date as YYYY-MM-DD, not {item['date']!r}"
            ) from error
    values["tag_names"] = sorted(set(text_list(item, "tags")))
    if any(len(tag) > 100 for tag in values["tag_names"]):
        raise ValueError("a tag is longer than 100 characters")
    values["category_name"] = _string(item, "category", 80)
    return values


def _moment(item, key):
    value = item.get(key)
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(f"'{key}' must be a date and time in ISO 8601, not {value!r}") from error
    if moment.tzinfo is None:
        raise ValueError(f"'{key}' needs a UTC offset, e.g. 2025-06-01T10:00:00+03:00")
    return moment


def event_fields(item):
    for key in ("starts", "ends"):
        if key not in item:
            raise ValueError(f"'{key}' is required")
    starts, ends = _moment(item, "starts"), _moment(item, "ends")
    if ends < starts:
        raise ValueError("the event ends before it starts")
    time_zone = _string(item, "time_zone", 64) or settings.TIME_ZONE
    if time_zone not in zoneinfo.available_timezones():
        raise ValueError(f"unknown time zone {time_zone!r}")
    place = _string(item, "location", 250)
    online_url = _string(item, "online_url", 200)
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError as error:
            raise ValueError(f"'online_url' is not a web address: {online_url!r}") from error
    if not place and not online_url:
        raise ValueError("an event needs a 'location', an 'online_url', or both")
    if place and online_url:
        attendance = EventPage.Attendance.HYBRID
    elif online_url:
        attendance = EventPage.Attendance.ONLINE
    else:
        attendance = EventPage.Attendance.IN_PERSON
    capacity = item.get("capacity")
    if capacity is not None and (
        not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1
    ):
        raise ValueError("'capacity' must be a positive whole number")
    return {
        "kind": _choice(item, "kind", EventPage.Kind.values, EventPage.Kind.WORKSHOP),
        "starts": starts,
        "ends": ends,
        "time_zone": time_zone,
        "attendance": attendance,
        "place": place,
        "region": _string(item, "region", 120),
        "online_url": online_url,
        "capacity": capacity,
    }


register("news_index", NewsIndexPage, parent=home_page)
register("event_index", EventIndexPage, parent=home_page)
register("news", NewsPage, parent=news_index, fields=news_fields)
register("event", EventPage, parent=event_index, fields=event_fields)
