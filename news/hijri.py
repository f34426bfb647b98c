"""Gregorian dates to the tabular Islamic (Hijri) calendar, and back. Plain Python.

The tabular calendar (civil epoch, the common "Kuwaiti" leap-year rule: years 2, 5, 7, 10, 13,
16, 18, 21, 24, 26 and 29 of each 30-year cycle have 355 days) is arithmetic, so it needs no
table and works for any date. It can differ by a day or two from a calendar fixed by sighting
the moon or by Umm al-Qura, which is why the site shows it beside the Gregorian date, never alone.
"""

import datetime
import math
from typing import NamedTuple

# Julian day number of 1 Muharram 1 AH (16 July 622, Julian calendar).
EPOCH = 1948440
# date.toordinal() + this = Julian day number.
ORDINAL_TO_JDN = 1721425


class HijriDate(NamedTuple):
    year: int
    month: int
    day: int


def is_leap(year):
    return (14 + 11 * year) % 30 < 11


def month_length(year, month):
    if month == 12:
        return 30 if is_leap(year) else 29
    return 30 if month % 2 == 1 else 29


def _jdn(year, month, day):
    return (
        day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + EPOCH - 1
    )


def to_gregorian(year, month, day):
    if not 1 <= month <= 12 or not 1 <= day <= month_length(year, month):
        raise ValueError(f"{year}-{month}-{day} is not a Hijri date")
    return datetime.date.fromordinal(_jdn(year, month, day) - ORDINAL_TO_JDN)


def from_gregorian(date):
    """The Hijri date of a Gregorian `datetime.date` (a datetime is taken at its own date)."""
    if isinstance(date, datetime.datetime):
        date = date.date()
    jdn = date.toordinal() + ORDINAL_TO_JDN
    year = (30 * (jdn - EPOCH) + 10646) // 10631
    month = min(12, math.ceil((jdn - (29 + _jdn(year, 1, 1))) / 29.5) + 1)
    day = jdn - _jdn(year, month, 1) + 1
    return HijriDate(year, month, day)
