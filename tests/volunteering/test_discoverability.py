"""Opportunities are found by the site search (with the type and skill facets), listed in the
sitemap and the API; the import format knows them, and refuses a broken item."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError

from tests.factories import StandardPageFactory, VolunteerOpportunityPageFactory
from tests.importing import import_file
from tests.search.test_search_page import results
from volunteering.models import Skill, VolunteerOpportunityPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunities(index):
    web = VolunteerOpportunityPageFactory(
        parent=index, slug="web", title="بناء موقع إلكتروني لجمعية المكفوفين"
    )
    web.skills.add(Skill.objects.get(slug="web-development", locale__language_code="ar"))
    web.save_revision().publish()
    repair = VolunteerOpportunityPageFactory(
        parent=index, slug="repair", title="صيانة حواسيب جمعية المكفوفين"
    )
    repair.skills.add(Skill.objects.get(slug="device-repair", locale__language_code="ar"))
    repair.save_revision().publish()
    return web, repair


def test_the_search_finds_opportunities_with_a_type_and_a_skill_facet(client, home, opportunities):
    StandardPageFactory(parent=home, slug="guide", title="دليل خدمات جمعية المكفوفين")
    soup, hrefs = results(client, "المكفوفين")
    assert sorted(hrefs) == ["/ar/guide/", "/ar/volunteering/repair/", "/ar/volunteering/web/"]
    facets = [a.get_text(" ", strip=True) for a in soup.select(".search-facets li a")]
    assert "فرصة تطوعية (2)" in facets
    assert "صيانة الأجهزة (1)" in facets

    opportunity_type = ContentType.objects.get_for_model(VolunteerOpportunityPage).pk
    _soup, narrowed = results(client, "المكفوفين", type=opportunity_type)
    assert sorted(narrowed) == ["/ar/volunteering/repair/", "/ar/volunteering/web/"]
    _soup, narrowed = results(client, "المكفوفين", skill="صيانة الأجهزة")
    assert narrowed == ["/ar/volunteering/repair/"]


def test_opportunities_are_in_the_sitemap(client, opportunities):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/ar/volunteering/web/" in sitemap
    assert "/ar/volunteering/" in sitemap


def test_the_api_lists_opportunities_with_their_places(client, opportunities):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "volunteering.VolunteerOpportunityPage",
            "fields": "places_left,skill_names,remote,ends",
        },
    )
    assert response.status_code == 200
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert items["web"]["places_left"] == 3
    assert items["web"]["skill_names"] == ["تطوير المواقع"]
    assert items["repair"]["remote"] is True
    assert items["repair"]["ends"] == "2027-04-30"


def item(**fields):
    return {
        "type": "opportunity",
        "locale": "ar",
        "slug": "repair",
        "title": "صيانة الحواسيب",
        "association": {"slug": "basma", "name": "جمعية بسمة", "description": ""},
        "skills": ["device-repair"],
        "region": "aleppo",
        "hours_per_week": 6,
        "starts": "2026-11-01",
        "ends": "2027-01-31",
        "volunteers_wanted": 2,
        **fields,
    }


def test_an_opportunity_is_imported_once_and_translated(home, english_home, tmp_path):
    english = item(locale="en", title="Computer repair")
    english["association"] = {"slug": "basma", "name": "Basma Association", "description": ""}
    import_file(tmp_path, [item(), english])
    import_file(tmp_path, [item(), english])
    arabic, translation = VolunteerOpportunityPage.objects.order_by("locale__language_code")
    assert translation.translation_key == arabic.translation_key
    assert arabic.partner.name == "جمعية بسمة"
    assert translation.association_name == "Basma Association"
    assert arabic.region.slug == "aleppo"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"skills": ["juggling"]}, "unknown skill"),
        ({"region": None}, "give 'region'"),
        ({"hours_per_week": 80}, "'hours_per_week' must be a whole number from 1 to 40"),
        ({"volunteers_wanted": 0}, "'volunteers_wanted'"),
        ({"ends": "2026-10-01"}, "'ends' cannot be before 'starts'"),
        ({"starts": "soon"}, "'starts' must be a date"),
        ({"association": "Basma"}, "'association' must be"),
    ],
)
def test_a_broken_opportunity_is_refused_and_nothing_is_written(home, tmp_path, fields, message):
    with pytest.raises(CommandError, match=message):
        import_file(tmp_path, [item(**fields)])
    assert not VolunteerOpportunityPage.objects.exists()
