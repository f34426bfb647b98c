import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from news.dates import hijri
from news.hijri import HijriDate, from_gregorian, is_leap, month_length, to_gregorian


@pytest.mark.parametrize(
    ("gregorian", "expected"),
    [
        # The first day of the calendar: 16 July 622 (Julian) is 19 July 622 (Gregorian).
        (datetime.date(622, 7, 19), HijriDate(1, 1, 1)),
        (datetime.date(2000, 1, 1), HijriDate(1420, 9, 24)),
        # New year 1445 and the first of Ramadan 1446, as published in the region.
        (datetime.date(2023, 7, 19), HijriDate(1445, 1, 1)),
        (datetime.date(2025, 3, 1), HijriDate(1446, 9, 1)),
    ],
)
def test_known_dates(gregorian, expected):
    assert from_gregorian(gregorian) == expected
    assert to_gregorian(*expected) == gregorian


def test_thirty_year_cycle_has_eleven_leap_years_of_355_days():
    assert sum(is_leap(year) for year in range(1, 31)) == 11
    days = sum(month_length(year, month) for year in range(1, 31) for month in range(1, 13))
    assert days == 10631


@given(st.dates(min_value=datetime.date(622, 7, 19), max_value=datetime.date(2500, 12, 31)))
def test_every_day_is_one_day_after_the_day_before(date):
    today, tomorrow = from_gregorian(date), from_gregorian(date + datetime.timedelta(days=1))
    assert to_gregorian(*today) == date
    assert 1 <= today.day <= month_length(today.year, today.month)
    if today.day < month_length(today.year, today.month):
        assert tomorrow == (today.year, today.month, today.day + 1)
    elif today.month < 12:
        assert tomorrow == (today.year, today.month + 1, 1)
    else:
        assert tomorrow == (today.year + 1, 1, 1)


def test_impossible_hijri_dates_are_refused():
    with pytest.raises(ValueError):
        to_gregorian(1446, 13, 1)
    with pytest.raises(ValueError):
        to_gregorian(1446, 2, 30)


def test_hijri_date_reads_naturally_in_each_language():
    with translation.override("ar"):
        assert hijri(datetime.date(2025, 3, 1)) == "1 رمضان 1446 هـ"
    with translation.override("en"):
        assert hijri(datetime.date(2025, 3, 1)) == "1 Ramadan 1446 AH"


@pytest.mark.parametrize(
    ("zone", "arabic", "english"),
    [
        ("Asia/Damascus", "بتوقيت دمشق", "Damascus time"),
        ("Asia/Kolkata", "بتوقيت UTC+5:30", "UTC+5:30"),
        ("America/Caracas", "بتوقيت UTC-4", "UTC-4"),
    ],
)
def test_time_zones_are_named_as_readers_say_them(zone, arabic, english):
    import zoneinfo

    from news.dates import zone_name

    moment = datetime.datetime(2026, 1, 10, 12, 0, tzinfo=zoneinfo.ZoneInfo(zone))
    with translation.override("ar"):
        assert str(zone_name(moment)) == arabic
    with translation.override("en"):
        assert str(zone_name(moment)) == english
