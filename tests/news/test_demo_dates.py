"""Whatever the day `make run` loads the demo, its upcoming events are still to come, on the
weekday and at the hour written, their registration open; its past events stay in the past. The
tests read the demo as its files write it (`load_demo --as-written`)."""

import copy
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from home.importing import demo_files
from news.models import EventPage
from news.wagtail_hooks import DEMO_WRITTEN_ON, keep_demo_events_upcoming

WORKSHOP = "digital-security-workshop"


def demo_events():
    items = [item for path in demo_files() for item in json.loads(path.read_text())["items"]]
    return [item for item in items if item.get("type") == "event"]


def moment(value):
    return datetime.datetime.fromisoformat(value)


def test_loaded_thirteen_weeks_later_the_workshop_is_thirteen_weeks_later():
    written = demo_events()
    loaded = copy.deepcopy(written)
    keep_demo_events_upcoming(loaded, DEMO_WRITTEN_ON + datetime.timedelta(days=93))
    before = {(item["locale"], item["slug"]): item for item in written}
    after = {(item["locale"], item["slug"]): item for item in loaded}
    for language in ("ar", "en", "fr"):
        workshop = after[(language, WORKSHOP)]
        # Written for Wednesday 10 February 2027 at 10:00, registration until the 8th.
        assert workshop["starts"] == "2027-05-12T10:00:00+03:00"
        assert workshop["ends"] == "2027-05-12T14:00:00+03:00"
        assert workshop["registration"]["deadline"] == "2027-05-10T23:59:00+03:00"
    assert after[("ar", "hackathon-2026")] == before[("ar", "hackathon-2026")]
    assert after[("ar", "launch-ceremony")] == before[("ar", "launch-ceremony")]


@pytest.mark.parametrize("days_later", [0, 6, 7, 60, 365, 3 * 365 + 11])
def test_whatever_the_day_the_upcoming_events_are_still_ahead(days_later):
    today = DEMO_WRITTEN_ON + datetime.timedelta(days=days_later)
    written = demo_events()
    loaded = copy.deepcopy(written)
    keep_demo_events_upcoming(loaded, today)
    upcoming = 0
    for was, now in zip(written, loaded, strict=True):
        if moment(was["starts"]).date() <= DEMO_WRITTEN_ON:
            assert now == was
            continue
        upcoming += 1
        starts = moment(now["starts"])
        ahead_as_written = moment(was["starts"]).date() - DEMO_WRITTEN_ON
        assert starts.date() - today > ahead_as_written - datetime.timedelta(days=7)
        assert (starts.weekday(), starts.time()) == (
            moment(was["starts"]).weekday(),
            moment(was["starts"]).time(),
        )
        assert moment(now["ends"]) - starts == moment(was["ends"]) - moment(was["starts"])
        if "registration" in now:
            assert today < moment(now["registration"]["deadline"]).date() < starts.date()
    assert upcoming  # the checks above ran


def test_the_demo_loaded_on_a_later_day_takes_registrations_for_the_workshop(db, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=400)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("load_demo", stdout=StringIO())
    workshop = EventPage.objects.get(slug=WORKSHOP, locale__language_code="ar")
    assert later < workshop.registration_deadline < workshop.starts
    assert workshop.starts.astimezone(datetime.UTC).weekday() == 2  # a Wednesday, as written
