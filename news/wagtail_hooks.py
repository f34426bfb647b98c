import datetime
import zoneinfo

from django.conf import settings
from wagtail import hooks

# The day the demo's events were written for: those after it are its upcoming events.
DEMO_WRITTEN_ON = datetime.date(2026, 12, 1)


def _later(moment, by, zone):
    """`moment` (ISO 8601) `by` later, at the same hour of `zone` whatever its clocks did."""
    local = datetime.datetime.fromisoformat(moment).astimezone(zone)
    return (local.replace(tzinfo=None) + by).replace(tzinfo=zone).isoformat()


@hooks.register("bring_demo_up_to_date")
def keep_demo_events_upcoming(items, today):
    """The demo's upcoming events keep their distance from the day it is loaded: moved by whole
    weeks (the same weekday and hour), their registration deadline with them. Past events stay
    where they happened."""
    by = datetime.timedelta(weeks=max(0, (today - DEMO_WRITTEN_ON).days // 7))
    if not by:
        return
    for item in items:
        if item.get("type") != "event":
            continue
        zone = zoneinfo.ZoneInfo(item.get("time_zone") or settings.TIME_ZONE)
        starts = datetime.datetime.fromisoformat(item["starts"]).astimezone(zone)
        if starts.date() <= DEMO_WRITTEN_ON:
            continue
        item["starts"], item["ends"] = (
            _later(item["starts"], by, zone),
            _later(item["ends"], by, zone),
        )
        registration = item.get("registration") or {}
        if registration.get("deadline"):
            registration["deadline"] = _later(registration["deadline"], by, zone)
