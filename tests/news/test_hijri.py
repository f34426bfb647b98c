import datetime

import pytest
from django.utils import translation

from news.dates import hijri


@pytest.mark.parametrize(
    ("gregorian", "expected"),
    [
        # Umm al-Qura, as published in Saudi Arabia: new year 1445, Ramadan, Eid and Arafat.
        (datetime.date(2023, 7, 19), "1 Muharram 1445 AH"),
        (datetime.date(2024, 4, 10), "1 Shawwal 1445 AH"),
        (datetime.date(2024, 6, 16), "10 Dhu al-Hijjah 1445 AH"),
        (datetime.date(2025, 3, 1), "1 Ramadan 1446 AH"),
        (datetime.date(2026, 2, 18), "1 Ramadan 1447 AH"),
        (datetime.datetime(2026, 2, 18, 23, 30), "1 Ramadan 1447 AH"),
    ],
)
def test_known_umm_al_qura_dates(gregorian, expected):
    with translation.override("en"):
        assert hijri(gregorian) == expected


def test_a_date_outside_the_calendar_tables_shows_no_hijri_date():
    assert hijri(datetime.date(1900, 1, 1)) == ""
    assert hijri(datetime.date(2100, 1, 1)) == ""


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
