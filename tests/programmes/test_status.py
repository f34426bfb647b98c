import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from programmes.status import (
    ANNOUNCED,
    CLOSED,
    OPEN,
    UPCOMING,
    days_left,
    missing_way_to_apply,
    programme_status,
)
from tests.factories import ProgrammePageFactory

OPENS = datetime.date(2026, 12, 1)
CLOSES = datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 30), UPCOMING),
        (OPENS, OPEN),
        (CLOSES, OPEN),
        (datetime.date(2027, 1, 1), CLOSED),
    ],
)
def test_a_programme_is_open_from_its_opening_day_to_its_closing_day_inclusive(today, expected):
    assert programme_status(OPENS, CLOSES, today) == expected


def test_missing_dates_mean_already_open_and_never_closing():
    assert programme_status(None, CLOSES, OPENS) == OPEN
    assert programme_status(OPENS, None, datetime.date(2099, 1, 1)) == OPEN
    assert programme_status(None, CLOSES, datetime.date(2027, 1, 1)) == CLOSED


def test_without_dates_or_without_steps_a_programme_is_announced_whatever_the_day():
    assert programme_status(None, None, OPENS) == ANNOUNCED
    assert programme_status(OPENS, CLOSES, OPENS, has_steps=False) == ANNOUNCED
    assert programme_status(OPENS, CLOSES, datetime.date(2030, 1, 1), has_steps=False) == ANNOUNCED


@pytest.mark.parametrize(
    ("ways", "missing"),
    [
        ({"form": True}, []),
        ({"in_person": True}, []),
        ({"link": True, "link_label": True}, []),
        ({"link": True}, ["link_label"]),
        ({"link_label": True}, ["link"]),
        ({}, ["way_to_apply"]),
    ],
)
def test_an_open_programme_needs_a_form_a_labelled_link_or_an_in_person_instruction(ways, missing):
    given = {"form": False, "link": False, "link_label": False, "in_person": False, **ways}
    assert missing_way_to_apply(**given) == missing


@pytest.mark.django_db
def test_a_programme_page_without_steps_is_announced(index):
    programme = ProgrammePageFactory(parent=index, opens=OPENS, closes=CLOSES, joining_steps=[])
    assert programme.status(OPENS) == ANNOUNCED and not programme.is_open(OPENS)


def test_days_left_counts_to_the_closing_day():
    assert days_left(CLOSES, CLOSES) == 0
    assert days_left(CLOSES, datetime.date(2026, 12, 26)) == 5
    assert days_left(None, CLOSES) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("utc_moment", "expected"),
    [
        # 21:59 UTC on 30 November is 00:59 on 1 December in Damascus (UTC+3): it has opened.
        (datetime.datetime(2026, 11, 30, 21, 59, tzinfo=datetime.UTC), OPEN),
        (datetime.datetime(2026, 11, 30, 20, 59, tzinfo=datetime.UTC), UPCOMING),
        # 21:30 UTC on 31 December is already 1 January in Damascus: it has closed.
        (datetime.datetime(2026, 12, 31, 21, 30, tzinfo=datetime.UTC), CLOSED),
        (datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC), OPEN),
    ],
)
def test_the_status_follows_the_sites_time_zone(monkeypatch, settings, index, utc_moment, expected):
    assert settings.TIME_ZONE == "Asia/Damascus"
    monkeypatch.setattr(timezone, "now", lambda: utc_moment)
    programme = ProgrammePageFactory(parent=index, opens=OPENS, closes=CLOSES)
    assert programme.status() == expected
    assert programme.is_open() == (expected == OPEN)


@pytest.mark.django_db
def test_status_and_is_open_accept_a_given_day(index):
    programme = ProgrammePageFactory(parent=index, opens=OPENS, closes=CLOSES)
    assert programme.status(OPENS) == OPEN
    assert programme.is_open(CLOSES)
    assert not programme.is_open(datetime.date(2027, 1, 1))


@pytest.mark.django_db
def test_the_listing_filter_and_the_api_know_announced_programmes(client, index):
    ProgrammePageFactory(parent=index, title="معلن", opens=None, closes=None)
    ProgrammePageFactory(parent=index, title="مفتوح", opens=datetime.date(2020, 1, 1))
    html = client.get(index.url + "?status=announced").content.decode()
    cards = BeautifulSoup(html, "html.parser").select("[data-testid=programme]")
    assert [card.h2.get_text(strip=True) for card in cards] == ["معلن"]
    assert cards[0].select_one("[data-status=announced] .state-badge").get_text() == "معلَن"
    api = client.get("/api/v2/pages/?type=programmes.ProgrammePage&fields=status").json()
    assert sorted(item["status"] for item in api["items"]) == [ANNOUNCED, OPEN]
