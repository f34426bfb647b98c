"""The opportunities' index: filters without JavaScript, places left, filled and past ones hidden
by default, pages, and a number of queries that does not grow with the opportunities."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Status, Submission
from programmes.models import Partner, Region
from tests.factories import VolunteerOpportunityPageFactory
from tests.volunteering.conftest import text_of
from volunteering.models import Skill

pytestmark = pytest.mark.django_db


def skill(slug):
    return Skill.objects.get(slug=slug, locale__language_code="ar")


def region(slug):
    return Region.objects.get(slug=slug, locale__language_code="ar")


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in soup.select('[data-testid="opportunity"] h2 a'))


def take(page, count, status=Status.RECEIVED):
    for n in range(count):
        Submission.objects.create(
            page=page,
            reference=f"TMK-2026-{page.pk:03d}{n:03d}",
            email=f"v{n}@x.org",
            status=status,
            form_data={"full_name": f"متطوع {n}"},
        )


@pytest.fixture
def listing(index):
    web = VolunteerOpportunityPageFactory(parent=index, title="موقع عن بعد", hours_per_week=3)
    web.skills.add(skill("web-development"))
    web.save_revision().publish()
    repair = VolunteerOpportunityPageFactory(
        parent=index, title="صيانة في حلب", remote=False, region=region("aleppo"), hours_per_week=8
    )
    repair.skills.add(skill("device-repair"))
    repair.save_revision().publish()
    training = VolunteerOpportunityPageFactory(
        parent=index, title="تدريب في حمص", remote=False, region=region("homs"), hours_per_week=12
    )
    training.skills.add(skill("training"), skill("web-development"))
    training.save_revision().publish()
    return index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["تدريب في حمص", "صيانة في حلب", "موقع عن بعد"]),
        ("?skill=web-development", ["تدريب في حمص", "موقع عن بعد"]),
        ("?region=aleppo", ["صيانة في حلب"]),
        ("?remote=yes", ["موقع عن بعد"]),
        ("?remote=no", ["تدريب في حمص", "صيانة في حلب"]),
        ("?commitment=light", ["موقع عن بعد"]),
        ("?commitment=medium", ["صيانة في حلب"]),
        ("?commitment=heavy", ["تدريب في حمص"]),
        ("?skill=web-development&remote=yes", ["موقع عن بعد"]),
        ("?skill=device-repair&region=homs", []),
        # A value not offered is dropped alone: the others still filter.
        ("?skill=web-development&region=atlantis", ["تدريب في حمص", "موقع عن بعد"]),
        ("?remote=maybe&commitment=medium", ["صيانة في حلب"]),
    ],
)
def test_filters(client, listing, query, expected):
    response = client.get(listing.url + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query", ["?skill=cooking", "?region=atlantis", "?remote=maybe", "?commitment=9", "?page=x"]
)
def test_a_filter_value_that_is_not_offered_is_ignored(client, listing, query):
    response = client.get(listing.url + query)
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_the_filters_keep_their_choice_and_offer_the_skills_in_the_page_language(client, listing):
    soup = BeautifulSoup(client.get(listing.url + "?skill=training").content, "html.parser")
    chosen = soup.select_one('select[name="skill"] option[selected]')
    assert chosen.get_text() == "التدريب"


def test_filled_and_past_opportunities_are_hidden_unless_asked_for(client, index):
    VolunteerOpportunityPageFactory(parent=index, title="مفتوحة")
    full = VolunteerOpportunityPageFactory(parent=index, title="مكتملة", volunteers_wanted=2)
    take(full, 2)
    VolunteerOpportunityPageFactory(parent=index, title="منتهية", ends=datetime.date(2026, 11, 1))
    withdrawn = VolunteerOpportunityPageFactory(
        parent=index, title="انسحب منها", volunteers_wanted=1
    )
    take(withdrawn, 1, status=Status.WITHDRAWN)

    assert titles(client.get(index.url)) == ["انسحب منها", "مفتوحة"]
    every = client.get(index.url + "?all=on")
    assert titles(every) == ["انسحب منها", "مفتوحة", "مكتملة", "منتهية"]
    assert "انتهت" in text_of(every)


def test_each_opportunity_shows_its_places_left_and_its_association(client, index):
    partner = Partner.objects.create(name="جمعية بسمة", slug="basma", kind="civil_society")
    page = VolunteerOpportunityPageFactory(parent=index, volunteers_wanted=5, partner=partner)
    take(page, 2)
    text = text_of(client.get(index.url))
    assert "بقيت 3 أماكن من 5" in text
    assert "جمعية بسمة" in text


def test_the_index_is_paginated(client, index):
    for n in range(14):
        VolunteerOpportunityPageFactory(parent=index, title=f"فرصة {n:02d}")
    assert len(titles(client.get(index.url))) == 12
    assert len(titles(client.get(index.url + "?page=2"))) == 2
    assert "14 فرصة" in text_of(client.get(index.url))


def queries_for(client, url):
    client.get(url)  # shared fragments (menu, footer) warm, as on a live site
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_stays_flat_as_opportunities_grow(client, index):
    partner = Partner.objects.create(name="جمعية", slug="a", kind="civil_society")

    def add(count):
        for _ in range(count):
            page = VolunteerOpportunityPageFactory(
                parent=index, remote=False, region=region("homs"), partner=partner
            )
            page.skills.add(skill("training"), skill("data"))
            page.save_revision().publish()
            take(page, 1)

    add(2)
    few = queries_for(client, index.url)
    add(10)
    many = queries_for(client, index.url)
    assert many == few
