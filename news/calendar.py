"""iCalendar (RFC 5545) for events: one event to add to a calendar, or a feed to subscribe to.

Times are written in UTC, which every calendar application converts to its reader's time zone.
"""

import datetime
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from home.numerals import written_list

PRODID = "-//Tamkeen//News and events//AR"


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space, never inside a
    multi-byte character (Arabic letters are two octets each in UTF-8)."""
    parts = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
            limit = 74  # continuation lines start with a space
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment):
    return timezone.localtime(moment, datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(event, host):
    """Stable for the life of the event: renaming or moving the page keeps it."""
    return f"event-{event.translation_key}-{event.locale.language_code}@{host}"


def vevent(event, request):
    url = event.get_full_url(request)
    host = urlsplit(url).hostname or "tamkeen"
    stamp = event.last_published_at or event.latest_revision_created_at or timezone.now()
    where = written_list(part for part in (event.place, event.region) if part)
    if event.online and not event.in_person:
        where = event.online_url
    description = "\n\n".join(part for part in (event.summary, event.online_url, url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event, host)}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.starts)}",
        f"DTEND:{utc(event.ends)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
    ]
    if where:
        lines.append(f"LOCATION:{escape(where)}")
    lines.append("END:VEVENT")
    return lines


def render(events, request, name):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines.extend(vevent(event, request))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def response(events, request, name, filename=None):
    """A download when `filename` is given (one event to add); else a feed to subscribe to."""
    output = HttpResponse(
        render(events, request, name), content_type="text/calendar; charset=utf-8"
    )
    if filename:
        output["Content-Disposition"] = content_disposition_header(True, f"{filename}.ics")
    return output
