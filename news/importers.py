"""Item types `news` and `event` (and their index pages) for the content import."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home.importers import home_page
from home.importing import choice, register, section_index, text_list, whole_number
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


def news_index(locale):
    return section_index(NewsIndexPage, "news", locale, title=_("News"))


def event_index(locale):
    return section_index(EventIndexPage, "events", locale, title=_("Events"))


def _string(item, key, max_length):
    value = item.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    value = value.strip()
    if len(value) > max_length:
        raise ValueError(f"'{key}' is longer than {max_length} characters")
    return value


def news_fields(item):
    values = {"kind": choice(item, "kind", NewsPage.Kind.choices, NewsPage.Kind.NEWS)}
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
    capacity = whole_number(item, "capacity", 1) if item.get("capacity") is not None else None
    values = {
        "kind": choice(item, "kind", EventPage.Kind.choices, EventPage.Kind.WORKSHOP),
        "starts": starts,
        "ends": ends,
        "time_zone": time_zone,
        "attendance": attendance,
        "place": place,
        "region": _string(item, "region", 120),
        "online_url": online_url,
        "capacity": capacity,
    }
    if "registration" in item:
        values.update(registration_fields(item["registration"], capacity, starts))
    return values


def registration_fields(registration, capacity, starts):
    """`registration`: {"form": the slug of a form page in the item's language, "seats",
    "deadline" (ISO 8601 with its offset), "waiting_list" (true by default)}."""
    if not isinstance(registration, dict):
        raise ValueError("'registration' must be an object")
    unknown = set(registration) - {"form", "seats", "deadline", "waiting_list"}
    if unknown:
        raise ValueError(f"'registration' has unknown keys: {', '.join(sorted(unknown))}")
    form = registration.get("form")
    if not isinstance(form, str) or not form.strip():
        raise ValueError("'registration' needs 'form': the slug of its form page")
    seats = registration.get("seats", capacity)
    if "seats" in registration and seats is not None:
        try:
            seats = whole_number(registration, "seats", 1)
        except ValueError as error:
            raise ValueError(f"'registration': {error}") from None
    if capacity is not None and seats != capacity:
        raise ValueError("'registration': 'seats' and 'capacity' differ; give one of them")
    deadline = None
    if registration.get("deadline") is not None:
        deadline = _moment(registration, "deadline")
        if deadline > starts:
            raise ValueError("'registration': the deadline is after the event starts")
    waiting_list = registration.get("waiting_list", True)
    if not isinstance(waiting_list, bool):
        raise ValueError("'registration': 'waiting_list' must be true or false")
    return {
        "capacity": seats,
        "registration_deadline": deadline,
        "waiting_list": waiting_list,
        "_registration_form": form.strip(),
    }


def prepare_event(values, locale):
    """The registration form named by its slug: a form page in the item's language (imported
    before the events), kept as the form in the default language that it translates."""
    values = dict(values)
    slug = values.pop("_registration_form", None)
    if slug is None:
        return values
    page = Page.objects.filter(locale=locale, slug=slug).first()
    if page is None or page.specific_class.__name__ != "ApplicationFormPage":
        raise ValueError(
            f"'registration': there is no form page {slug!r} in '{locale.language_code}'"
        )
    values["registration_page"] = page.get_translation_or_none(Locale.get_default()) or page
    return values


register("news_index", NewsIndexPage, parent=home_page)
register("event_index", EventIndexPage, parent=home_page)
register("news", NewsPage, parent=news_index, fields=news_fields)
register("event", EventPage, parent=event_index, fields=event_fields, prepare=prepare_event)
