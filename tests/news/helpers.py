"""Helpers shared by the news tests."""

import re

from django.utils import timezone

from news.models import NewsPage


def draft_news(**fields):
    return NewsPage(title="إعلان مجدول للغد", slug="tomorrow", date=timezone.localdate(), **fields)


def parse_ics(text):
    """A minimal iCalendar reader for the tests: unfold lines, then one dict per VEVENT."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical), "a line is longer than 75 octets"
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar, events, current = {}, [], None
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
        else:
            calendar[name] = value
    return calendar, events


def unescape_ics(value):
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
