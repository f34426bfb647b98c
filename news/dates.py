"""Dates as readers of each language expect them, with the Hijri date when the site shows it."""

import datetime

from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian

HIJRI_MONTHS = [
    _("Muharram"),
    _("Safar"),
    _("Rabi al-Awwal"),
    _("Rabi al-Thani"),
    _("Jumada al-Ula"),
    _("Jumada al-Akhira"),
    _("Rajab"),
    _("Shaban"),
    _("Ramadan"),
    _("Shawwal"),
    _("Dhu al-Qadah"),
    _("Dhu al-Hijjah"),
]


def hijri(date):
    """'12 Jumada al-Akhira 1448 AH' in the active language, by the Umm al-Qura calendar; "" for a
    date outside the calendar's published tables (1924-2077), which no reader misses."""
    if isinstance(date, datetime.datetime):
        date = date.date()
    try:
        day = Gregorian.fromdate(date).to_hijri()
    except OverflowError:
        return ""
    return _("%(day)s %(month)s %(year)s AH") % {
        "day": day.day,
        "month": HIJRI_MONTHS[day.month - 1],
        "year": day.year,
    }


# Time zones named as people say them ("Damascus time"); any other zone is shown by its offset.
ZONE_NAMES = {
    "Asia/Damascus": _("Damascus time"),
    "Asia/Beirut": _("Beirut time"),
    "Asia/Amman": _("Amman time"),
    "Asia/Baghdad": _("Baghdad time"),
    "Asia/Riyadh": _("Riyadh time"),
    "Asia/Dubai": _("Dubai time"),
    "Africa/Cairo": _("Cairo time"),
    "Africa/Tunis": _("Tunis time"),
    "Africa/Algiers": _("Algiers time"),
    "Africa/Casablanca": _("Casablanca time"),
    "Europe/Istanbul": _("Istanbul time"),
    "Europe/Paris": _("Paris time"),
    "UTC": _("UTC"),
}


def zone_name(moment):
    """The name of the time zone of `moment` (an aware datetime in that zone) for a reader."""
    key = getattr(moment.tzinfo, "key", "")
    if key in ZONE_NAMES:
        return ZONE_NAMES[key]
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    offset = f"{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return _("UTC%(offset)s") % {"offset": offset}
