"""Search over programmes: their criteria, their tracks, their place in the site, their partners."""

import pytest

from tests.factories import (
    EligibilityCriterionFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)
from tests.search.test_search_page import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(home):
    index = ProgrammeIndexPageFactory(parent=home)
    rural = EligibilityCriterionFactory(text="أن يخدم المركز تجمّعًا سكانيًا في الريف")
    incubator = ProgrammePageFactory(
        parent=index,
        slug="incubator",
        title="حاضنة الجمعيات التقنية الشبابية",
        track="الاحتضان",
        summary="تدريب وإرشاد للجمعيات الناشئة.",
    )
    centres = ProgrammePageFactory(
        parent=index,
        slug="rural-centres",
        title="ربط المراكز المجتمعية",
        track="التمكين",
        summary="تجهيز المراكز بالإنترنت وتدريب الجمعيات على إدارتها.",
        criteria=[rural],
    )
    StandardPageFactory(parent=centres, slug="centres-faq", title="أسئلة الجمعيات عن المراكز")
    return {"incubator": incubator, "centres": centres, "rural": rural}


def test_a_word_only_the_eligibility_criteria_use_finds_the_programme(client, programmes):
    _soup, hrefs = results(client, "الريف")
    assert hrefs == ["/ar/programmes/rural-centres/"]


def test_a_reworded_criterion_is_searchable_at_once(client, programmes):
    criterion = programmes["rural"]
    criterion.text = "أن يعمل المركز في البادية"
    criterion.question = "هل يعمل المركز في البادية؟"
    criterion.save()
    assert results(client, "الباديه")[1] == ["/ar/programmes/rural-centres/"]
    assert results(client, "الريف")[1] == []


def test_track_facet_counts_programmes_and_the_pages_under_them(client, programmes):
    soup, hrefs = results(client, "الجمعيات")
    assert len(hrefs) == 3
    facets = [a.get_text(" ", strip=True) for a in soup.select(".search-facets li a")]
    assert "التمكين (2)" in facets
    assert "الاحتضان (1)" in facets
    _soup, narrowed = results(client, "الجمعيات", track="التمكين")
    assert sorted(narrowed) == [
        "/ar/programmes/rural-centres/",
        "/ar/programmes/rural-centres/centres-faq/",
    ]
    _soup, unknown = results(client, "الجمعيات", track="<script>")
    assert unknown == []


def test_each_hit_shows_where_it_sits_in_the_site(client, programmes):
    soup, _hrefs = results(client, "اسئله الجمعيات")
    hit = soup.select_one('[data-testid="search-result"]')
    assert hit.find("a")["href"] == "/ar/programmes/rural-centres/centres-faq/"
    trail = [(a.get_text(), a["href"]) for a in hit.select(".search-result__trail a")]
    assert trail == [
        ("البرامج", "/ar/programmes/"),
        ("ربط المراكز المجتمعية", "/ar/programmes/rural-centres/"),
    ]


def test_partners_are_found_and_lead_to_their_card_in_the_directory(client, home):
    PartnerIndexPageFactory(parent=home)
    PartnerFactory(name="جامعة دمشق", slug="damascus-university", kind="academia")
    soup, hrefs = results(client, "جامعه دمشق")
    assert hrefs == ["/ar/partners/?kind=academia#partner-damascus-university"]
    assert soup.select_one('[data-testid="search-result"] mark').get_text() == "جامعة"


def test_a_partner_with_no_directory_in_this_language_is_not_a_dead_link(client, home):
    PartnerFactory(name="جامعة حلب", slug="aleppo-university", kind="academia")
    _soup, hrefs = results(client, "جامعه حلب")
    assert hrefs == []


def test_a_partner_waiting_for_a_moderator_is_not_found(client, home):
    PartnerIndexPageFactory(parent=home)
    PartnerFactory(name="جامعة حمص", slug="homs-university", kind="academia", live=False)
    _soup, hrefs = results(client, "جامعه حمص")
    assert hrefs == []
