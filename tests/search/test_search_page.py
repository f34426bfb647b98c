from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import StandardPage
from search.models import UnansweredQuery
from tests.factories import (
    FormIndexPageFactory,
    LearningIndexPageFactory,
    StandardPageFactory,
    VolunteeringIndexPageFactory,
)

pytestmark = pytest.mark.django_db

# Judged queries over the standard pages: typed the way people type, written the way editors write.
JUDGED = [
    ("سياسه الخصوصيه", "privacy-policy", "ة typed as ه"),
    ("الاطلاع علي بياناتك", "privacy-policy", "ى typed as ي, no hamza"),
    ("اربعه عشر محافظه", "about", "words of a figure"),
    ("WCAG", "accessibility", "Latin acronym in Arabic text"),
    ("قارئ الشاشه", "accessibility", "hamza on ya, ة typed as ه"),
    ("الجمعيه", "about", "singular; text has الجمعيات"),
    ("الاحتضان", "about", "text has احتضانٌ with tanween"),
]


@pytest.fixture
def pages(home):
    StandardPageFactory(
        parent=home,
        slug="privacy-policy",
        title="سياسة الخصوصيّة",
        summary="يحق لك الاطّلاع على بياناتك أو تصحيحها.",
    )
    StandardPageFactory(
        parent=home,
        slug="accessibility",
        title="بيان إمكانية الوصول",
        summary="يعمل الموقع مع قارئات الشاشة، ويستوفي WCAG 2.2.",
    )
    StandardPageFactory(
        parent=home,
        slug="about",
        title="عن البرنامج",
        summary="يخدم البرنامج الجمعيّات في أربعَ عشرةَ محافظةً، ويقدّم احتضانًا للفرق الشبابية.",
    )


@pytest.fixture
def two_types(pages, home):
    """The privacy policy and the home page both match a search for privacy: two types."""
    home.summary = "الخصوصية مضمونة لكل من يزور الموقع."
    home.save_revision().publish()


def results(client, query, **params):
    response = client.get("/ar/search/", {"q": query, **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # The first link of each hit is the hit itself (its breadcrumb links follow).
    return soup, [hit.find("a")["href"] for hit in soup.select('[data-testid="search-result"]')]


@pytest.mark.parametrize(("query", "slug", "why"), JUDGED)
def test_arabic_as_people_type_it_finds_the_page(client, pages, query, slug, why):
    _soup, hrefs = results(client, query)
    assert f"/ar/{slug}/" in hrefs[:10], why


def test_the_matched_word_is_highlighted_as_written(client, pages):
    soup, _hrefs = results(client, "الخصوصيه")
    assert [m.get_text() for m in soup.select(".search-result mark")] == ["الخصوصيّة"]


def test_markup_in_the_query_is_escaped(client, pages):
    response = client.get("/ar/search/", {"q": "<script>alert(1)</script> الخصوصيه"})
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


@pytest.mark.parametrize("query", ["", "   ", "ًٌٍَُِّْ", "!!!", "ك" * 5000, "' OR 1=1 --"])
def test_odd_queries_get_a_page_not_an_error(client, pages, query):
    _soup, hrefs = results(client, query)
    assert hrefs == []


def test_results_page_is_not_indexed_by_search_engines(client, pages):
    soup, _hrefs = results(client, "الخصوصيه")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_editors_pick_comes_first_and_only_once(client, pages, home):
    pick = StandardPageFactory(parent=home, slug="apply", title="كيف تقدّم طلبك")
    SearchPromotion.objects.create(query=Query.get("الخصوصيه"), page=pick, sort_order=0)
    _soup, hrefs = results(client, "الخصوصيه")
    assert hrefs[0] == "/ar/apply/"
    assert hrefs.count("/ar/apply/") == 1


def test_queries_are_counted_for_editors(client, pages):
    results(client, "الخصوصيه")
    results(client, "الخصوصيه")
    assert Query.get("الخصوصيه").hits == 2


def test_results_are_in_the_current_language_unless_asked_for_all(client, pages, english_home):
    StandardPageFactory(parent=english_home, slug="privacy", title="Privacy policy")
    _soup, hrefs = results(client, "privacy")
    assert hrefs == []
    _soup, hrefs = results(client, "privacy", all="1")
    assert hrefs == ["/en/privacy/"]


def test_a_search_that_finds_nothing_in_arabic_says_how_many_pages_other_languages_have(
    client, pages, english_home
):
    StandardPageFactory(parent=english_home, slug="privacy", title="Privacy policy")
    StandardPageFactory(parent=english_home, slug="data", title="Your data and your privacy")
    soup, hrefs = results(client, "privacy")
    assert hrefs == []
    elsewhere = soup.select_one(".search-elsewhere")
    assert "لم نجد صفحة بالعربية تطابق بحثك، لكننا وجدنا صفحتين بلغات أخرى." in elsewhere.get_text()
    soup, hrefs = results(client, "privacy", **parse_qs(elsewhere.a["href"].lstrip("?")))
    assert sorted(hrefs) == ["/en/data/", "/en/privacy/"]
    # English on the Arabic page, laid out left to right (its full stop at its end).
    title = soup.select_one(".search-result__title")
    assert (title["lang"], title["dir"], title.a["hreflang"]) == ("en", "ltr", "en")
    # Nothing anywhere: nothing to offer.
    soup, _hrefs = results(client, "zzzz")
    assert soup.select_one(".search-elsewhere") is None


def test_drafts_never_appear(client, home):
    StandardPageFactory(parent=home, slug="secret", title="خطة سرية", live=False)
    _soup, hrefs = results(client, "خطه سريه")
    assert hrefs == []


def test_the_api_searches_with_the_same_arabic_analysis(client, pages):
    response = client.get("/api/v2/pages/", {"search": "سياسه الخصوصيه", "fields": "title"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]][:1] == ["سياسة الخصوصيّة"]


@pytest.mark.parametrize("operator", ["²", "xor", ""])
def test_the_api_refuses_an_unknown_search_operator_with_a_message(client, pages, operator):
    response = client.get("/api/v2/pages/", {"search": "سياسه", "search_operator": operator})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]


def test_type_facet_counts_and_narrows_the_results(client, two_types):
    soup, hrefs = results(client, "الخصوصيه")
    assert len(hrefs) == 2
    facets = [a.get_text(" ", strip=True) for a in soup.select(".search-facets li a")]
    assert sorted(facets) == ["الصفحة الرئيسية (1)", "صفحة عادية (1)"]
    standard = ContentType.objects.get_for_model(StandardPage).pk
    _soup, narrowed = results(client, "الخصوصيه", type=standard)
    assert narrowed == ["/ar/privacy-policy/"]


def test_unknown_facet_values_are_ignored(client, pages):
    _soup, hrefs = results(client, "الخصوصيه", type="abc", year="-1")
    assert hrefs == ["/ar/privacy-policy/"]


def test_a_misspelt_query_gets_the_closest_words_the_site_uses(client, pages):
    soup, hrefs = results(client, "الخصوصيع")
    assert hrefs == []
    suggestion = soup.select_one(".search-spelling a")
    assert suggestion.get_text() == "الخصوصيه"
    _soup, hrefs = results(client, suggestion.get_text())
    assert hrefs == ["/ar/privacy-policy/"]


def test_suggestions_as_you_type_are_json_titles(client, pages):
    response = client.get("/ar/search/suggest/", {"q": "خصوصيه"})
    assert response.status_code == 200
    assert response.json()["results"] == [{"title": "سياسة الخصوصيّة", "url": "/ar/privacy-policy/"}]
    assert client.get("/ar/search/suggest/", {"q": "<b>"}).json()["results"] == []


def test_a_repeated_search_is_answered_from_the_cache_until_content_changes(client, pages, home):
    def full_text_queries():
        with CaptureQueriesContext(connection) as captured:
            _soup, hrefs = results(client, "الخصوصيه")
        return sum("MATCH" in q["sql"] or "@@" in q["sql"] for q in captured), hrefs

    searched, first = full_text_queries()
    assert searched >= 1
    again, second = full_text_queries()
    assert second == first
    assert again < searched  # the pages' ranking is not searched again

    StandardPageFactory(parent=home, slug="privacy-faq", title="أسئلة عن الخصوصية")
    _searched, after = full_text_queries()
    assert "/ar/privacy-faq/" in after


def test_a_repeated_search_counts_its_facets_once_until_content_changes(client, two_types, home):

    def facets():
        with CaptureQueriesContext(connection) as captured:
            soup, _hrefs = results(client, "الخصوصيه")
        by_year = [q for q in captured if "extract" in q["sql"].lower()]
        return sorted(
            a.get_text(" ", strip=True) for a in soup.select(".search-facets li a")
        ), by_year

    first, counted = facets()
    again, counted_again = facets()
    assert counted and not counted_again
    assert again == first == ["الصفحة الرئيسية (1)", "صفحة عادية (1)"]

    StandardPageFactory(parent=home, slug="privacy-faq", title="أسئلة عن الخصوصية")
    after, _counted = facets()
    assert "صفحة عادية (2)" in after


def test_results_come_before_the_facets_with_a_link_to_them(client, two_types):
    """On a phone, and for a screen reader, the page reads the results first."""
    soup, _hrefs = results(client, "الخصوصيه")
    order = [
        element
        for element in soup.select('[data-testid="search-result"], .search-facets')
        if element.name
    ]
    assert order[0]["data-testid"] == "search-result"
    assert order[-1]["id"] == "search-facets"
    jump = soup.select_one(".search-jump a")
    assert jump.get_text(strip=True) == "تضييق النتائج"
    assert jump["href"] == "#search-facets"


def test_a_repeated_search_renders_its_list_once_and_shows_an_edited_title_at_once(client, pages):
    def titles(soup):
        return [title.get_text(" ", strip=True) for title in soup.select(".search-result__title")]

    first, _hrefs = results(client, "الخصوصيه")
    with CaptureQueriesContext(connection) as captured:
        again, _hrefs = results(client, "الخصوصيه")
    assert titles(again) == titles(first) == ["سياسة الخصوصيّة"]
    assert not [query for query in captured if "home_standardpage" in query["sql"]]

    page = StandardPage.objects.get(slug="privacy-policy")
    page.title = "سياسة الخصوصيّة المحدّثة"
    page.save_revision().publish()
    after, _hrefs = results(client, "الخصوصيه")
    assert titles(after) == ["سياسة الخصوصيّة المحدّثة"]
    # Another page of results, or the same words with a filter, is a list of its own.
    assert results(client, "الخصوصيه", type="1")[1] == []


def test_a_search_naming_a_service_offers_it_above_the_results(client, home, pages):
    """The status check and the certificate checks are sub-addresses no page's text describes;
    a visitor typing what they want to do finds them all the same."""
    FormIndexPageFactory(parent=home, slug="forms")
    LearningIndexPageFactory(parent=home, slug="learning")
    VolunteeringIndexPageFactory(parent=home, slug="volunteering")

    def offered(query, **params):
        soup, _hrefs = results(client, query, **params)
        return {a.get_text(): a["href"] for a in soup.select('[data-testid="search-service"] a')}

    assert offered("حاله طلبي") == {"الاستعلام عن حالة طلب": "/ar/forms/status/"}
    assert offered("التحقق من شهاده") == {
        "تحقّق من شهادة إتمام": "/ar/learning/verify/",
        "التحقق من شهادة خدمة تطوعية": "/ar/volunteering/verify/",
    }
    assert len(offered("شهادة")) == 3
    assert len(offered("شهادة", page="1")) == 3
    # Every word must name it; a filtered search is about pages.
    assert offered("حالة المحافظات") == {}
    assert offered("شهادة", year="2026") == {}
    # Found: not an unanswered search.
    assert not UnansweredQuery.objects.filter(query__query_string="حاله طلبي").exists()
    # And suggested as the words are typed, leading straight there.
    typed = client.get("/ar/search/suggest/", {"q": "حال"}).json()["results"]
    assert typed[0] == {"title": "الاستعلام عن حالة طلب", "url": "/ar/forms/status/"}
