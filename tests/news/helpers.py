"""Helpers shared by the news tests."""

import datetime
import re

from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import Revision, Site

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


def come(page):
    """Move a scheduled page's go-live time to the past, as if its day had come."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save()


def render(source):
    """Template tags rendered as on an Arabic page of the default site."""
    request = RequestFactory().get("/ar/")
    request.site = Site.objects.get(is_default_site=True)
    with translation.override("ar"):
        html = Template("{% load news_tags %}" + source).render(Context({"request": request}))
    return BeautifulSoup(html, "html.parser")
