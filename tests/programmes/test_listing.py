import pytest
from bs4 import BeautifulSoup

from programmes.models import Region, TargetGroup
from tests.factories import ProgrammePageFactory
from tests.programmes.conftest import days

pytestmark = pytest.mark.django_db


def titles(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("[data-testid=programme] h2")]


def arabic(model, slug):
    return model.objects.get(slug=slug, locale__language_code="ar")


@pytest.fixture
def programmes(index, today):
    """Two open, two upcoming, two closed programmes, created in a shuffled order."""
    made = {}
    for name, opens, closes in [
        ("closed-long-ago", days(-90), days(-60)),
        ("upcoming-later", days(30), days(60)),
        ("open-closing-late", days(-10), days(40)),
        ("closed-yesterday", days(-30), days(-1)),
        ("upcoming-soon", days(1), days(20)),
        ("open-closing-today", days(-5), days(0)),
    ]:
        made[name] = ProgrammePageFactory(
            parent=index, title=name, slug=name, opens=opens, closes=closes
        )
    return made


def test_open_programmes_come_first_then_upcoming_by_opening_date_then_closed(
    client, index, programmes
):
    assert titles(client, index) == [
        "open-closing-today",
        "open-closing-late",
        "upcoming-soon",
        "upcoming-later",
        "closed-yesterday",
        "closed-long-ago",
    ]


def test_the_status_filter_is_computed_from_the_dates(client, index, programmes):
    assert titles(client, index, "?status=upcoming") == ["upcoming-soon", "upcoming-later"]
    assert titles(client, index, "?status=closed") == ["closed-yesterday", "closed-long-ago"]


def test_filters_by_region_target_group_and_track(client, index, programmes):
    damascus, aleppo = arabic(Region, "damascus"), arabic(Region, "aleppo")
    youth, companies = arabic(TargetGroup, "youth"), arabic(TargetGroup, "companies")
    first, second = programmes["open-closing-late"], programmes["upcoming-soon"]
    first.regions.set([damascus, aleppo])
    first.target_groups.set([youth])
    first.track = "الشراكات"
    first.save()
    second.regions.set([aleppo])
    second.target_groups.set([companies])
    second.save()

    assert titles(client, index, "?region=damascus") == ["open-closing-late"]
    assert titles(client, index, "?region=aleppo") == ["open-closing-late", "upcoming-soon"]
    assert titles(client, index, "?group=companies") == ["upcoming-soon"]
    assert titles(client, index, "?region=aleppo&group=youth") == ["open-closing-late"]
    assert titles(client, index, "?track=الشراكات") == ["open-closing-late"]


def test_filter_choices_are_in_the_pages_language_and_keep_the_chosen_value(client, index):
    response = client.get(index.url + "?region=homs")
    soup = BeautifulSoup(response.content, "html.parser")
    options = {o["value"]: o.get_text() for o in soup.select("#filter-region option")}
    assert options["homs"] == "حمص"
    assert len(options) == 15  # 14 governorates and "all"
    assert soup.select_one("#filter-region option[selected]")["value"] == "homs"


@pytest.mark.parametrize(
    "query",
    [
        "?status=forever",
        "?region=atlantis",
        "?group=<script>",
        "?track=nothing",
        "?page=999",
        "?page=abc",
        "?region=damascus'--",
    ],
)
def test_unknown_filter_values_are_ignored(client, index, programmes, query):
    assert len(titles(client, index, query)) == 6


@pytest.mark.parametrize("query", ["region=atlantis", "group=<script>", "track=nothing"])
def test_an_unknown_value_is_dropped_alone(client, index, programmes, query):
    soup = BeautifulSoup(client.get(f"{index.url}?status=upcoming&{query}").content, "html.parser")
    shown = [h.get_text(strip=True) for h in soup.select("[data-testid=programme] h2")]
    assert shown == ["upcoming-soon", "upcoming-later"]
    assert soup.select_one("#filter-status option[selected]")["value"] == "upcoming"


def test_the_listing_is_paginated_and_paging_keeps_the_filters(client, index, today):
    for n in range(14):
        ProgrammePageFactory(parent=index, opens=days(-1), closes=days(n + 1), title=f"p{n:02}")
    first = titles(client, index, "?status=open")
    second = titles(client, index, "?status=open&page=2")
    assert len(first) == 12 and len(second) == 2
    assert first + second == [f"p{n:02}" for n in range(14)]
    soup = BeautifulSoup(client.get(index.url + "?status=open").content, "html.parser")
    assert soup.select_one("a[rel=next]")["href"] == "?status=open&page=2"


def test_drafts_are_not_listed(client, index, programmes):
    programmes["upcoming-soon"].unpublish()
    assert "upcoming-soon" not in titles(client, index)


def test_the_query_count_stays_flat_as_programmes_grow(
    client, index, today, django_assert_max_num_queries
):
    groups = list(TargetGroup.objects.filter(locale__language_code="ar"))

    def add(count):
        for n in range(count):
            page = ProgrammePageFactory(parent=index, opens=days(-n), closes=days(n + 5))
            page.target_groups.set(groups[: n % 4 + 1])
            page.regions.set(Region.objects.filter(locale__language_code="ar")[:2])
            page.save()

    add(2)
    client.get(index.url)  # warm the site root cache
    with django_assert_max_num_queries(100) as few:
        client.get(index.url)
    count = len(few.captured_queries)
    add(10)
    client.get(index.url)  # the menu and footer, cached again after the change
    with django_assert_max_num_queries(count):
        response = client.get(index.url)
    assert (
        len(BeautifulSoup(response.content, "html.parser").select("[data-testid=programme]")) == 12
    )


def test_target_groups_are_shown_in_the_pages_language(client, home, english_home, today):
    from tests.factories import ProgrammeIndexPageFactory

    english_index = ProgrammeIndexPageFactory(parent=english_home, title="Programmes")
    page = ProgrammePageFactory(parent=english_index, title="Incubator", opens=days(-1))
    page.target_groups.set([arabic(TargetGroup, "youth")])
    page.save()
    response = client.get(english_index.url)
    assert "For: Youth" in " ".join(BeautifulSoup(response.content, "html.parser").text.split())
