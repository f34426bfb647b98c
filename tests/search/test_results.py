"""What the search page shows of each result: one list where the best match of any kind comes
first (partners and documents included), the date or state that means something for its type,
no "nothing found" under a found document, editors' synonyms, and suggestions as one types."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils.http import urlencode
from wagtail.contrib.search_promotions.models import Query

from search.models import SearchableDocument, SynonymGroup, UnansweredQuery
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerIndexPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def results(client, query, language="ar"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.select('[data-testid="search-result"]')


def first_line(hit):
    return hit.select_one(".search-result__type").get_text(" ", strip=True)


def test_each_type_shows_the_date_that_means_something(client, home, settings):
    settings.TIME_ZONE = "Asia/Damascus"
    # Published on the site long after the news it tells.
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home),
        title="منحة الجمعيات الناشئة",
        date=datetime.date(2024, 3, 5),
        first_published_at=datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC),
    )
    EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="ورشة منحة الجمعيات",
        starts=datetime.datetime(2030, 4, 9, 10, tzinfo=datetime.UTC),
        ends=datetime.datetime(2030, 4, 9, 13, tzinfo=datetime.UTC),
    )
    ProgrammePageFactory(
        parent=ProgrammeIndexPageFactory(parent=home),
        title="برنامج منحة الجمعيات",
        opens=datetime.date(2000, 1, 1),
        closes=datetime.date(2099, 12, 31),
    )
    StandardPageFactory(parent=home, title="أسئلة عن منحة الجمعيات")

    _soup, hits = results(client, "منحه الجمعيات")
    lines = {hit.find("h3").get_text().strip(): first_line(hit) for hit in hits}
    assert lines["منحة الجمعيات الناشئة"] == "صفحة خبر · 5 مارس 2024"
    assert lines["ورشة منحة الجمعيات"] == "صفحة فعالية · 9 أبريل 2030"
    assert lines["برنامج منحة الجمعيات"] == "برنامج · مفتوح"
    assert lines["أسئلة عن منحة الجمعيات"] == "صفحة عادية"


def test_a_partner_sharing_one_word_never_comes_before_the_best_page(client, home):
    PartnerIndexPageFactory(parent=home)
    for number in range(3):
        PartnerFactory(name=f"وزارة رقم {number}", description="وزارة تدعم الجمعيات.")
    StandardPageFactory(parent=home, slug="mou", title="وزارة الاتصالات توقع مذكرة تفاهم")
    _soup, hits = results(client, "وزاره الاتصالات مذكره")
    assert hits[0].find("a")["href"] == "/ar/mou/"
    kinds = [first_line(hit) for hit in hits]
    assert kinds.count("شريك") == 3
    assert kinds[0] == "صفحة عادية"


def test_a_partner_that_is_the_best_match_comes_first(client, home):
    PartnerIndexPageFactory(parent=home)
    PartnerFactory(name="جامعة دمشق", slug="damascus-university", description="شريك أكاديمي.")
    StandardPageFactory(parent=home, title="أخبار الجامعات", summary="تدريب في دمشق.")
    _soup, hits = results(client, "جامعه دمشق")
    assert hits[0].find("a")["href"] == "/ar/partners/?kind=government#partner-damascus-university"


def test_a_document_found_alone_is_a_result_with_no_nothing_found_under_it(client, home):
    document = SearchableDocument(title="دليل التقديم", text="خطوات التقديم على منحة المواقع")
    document.file.save("guide.txt", ContentFile(b"guide"), save=False)
    document.save()
    soup, hits = results(client, "دليل التقديم")
    assert len(hits) == 1
    assert hits[0].find("a").get_text() == "دليل التقديم"
    assert "(TXT)" in first_line(hits[0])
    text = soup.select_one(".search-main").get_text(" ", strip=True)
    assert "لم نجد ما يطابق" not in text
    assert "0 " not in soup.select_one(".search-count").get_text()
    assert not UnansweredQuery.objects.exists()


def test_nothing_found_says_so_once(client, home):
    soup, hits = results(client, "كلمةغيرموجودة")
    assert hits == []
    assert soup.select_one(".search-count") is None
    assert "لم نجد ما يطابق" in soup.select_one(".search-main").get_text()


def test_editors_synonyms_find_pages_with_another_word(client, home):
    StandardPageFactory(
        parent=home, slug="laptops", title="توزيع حواسيب محمولة", summary="حاسوب لكل جمعية."
    )
    StandardPageFactory(parent=home, slug="escwa", title="منتدى الإسكوا")
    _soup, hits = results(client, "كمبيوتر")
    assert hits == []
    SynonymGroup.objects.create(words="حاسوب = كمبيوتر = جهاز")
    SynonymGroup.objects.create(words="الإسكوا = ESCWA")
    _soup, hits = results(client, "كمبيوتر")
    assert [hit.find("a")["href"] for hit in hits] == ["/ar/laptops/"]
    soup, hits = results(client, "ESCWA")
    assert [hit.find("a")["href"] for hit in hits] == ["/ar/escwa/"]
    assert [mark.get_text() for mark in soup.select(".search-result mark")] == ["الإسكوا"]


def test_a_synonym_group_needs_two_entries():
    group = SynonymGroup(words="حاسوب")
    with pytest.raises(Exception, match="at least two|كلمتين"):
        group.full_clean()


def suggested(client, typed, language="ar"):
    response = client.get(f"/{language}/search/suggest/", {"q": typed})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


def test_a_search_in_the_plural_finds_a_title_in_the_singular(client, home):
    StandardPageFactory(parent=home, slug="website", title="بناء موقع إلكتروني لجمعية")
    StandardPageFactory(parent=home, slug="other", title="تطوير قدرات الجمعيات")
    for typed in ("مواقع", "المواقع"):
        _soup, hits = results(client, typed)
        assert [hit.select_one("a")["href"] for hit in hits] == ["/ar/website/"]
    _soup, hits = results(client, "تطوير مواقع")
    assert "/ar/website/" in [hit.select_one("a")["href"] for hit in hits]


def test_suggestions_match_the_start_of_title_words_from_three_letters(client, home):
    StandardPageFactory(parent=home, title="مسار احتضان الجمعيات الشبابية")
    StandardPageFactory(parent=home, title="الحوكمة الرشيدة للجمعيات")
    StandardPageFactory(parent=home, title="صفحة أخرى", summary="احتضان في النص فقط")
    assert suggested(client, "احت") == ["مسار احتضان الجمعيات الشبابية"]
    assert suggested(client, "الاحت") == ["مسار احتضان الجمعيات الشبابية"]
    assert suggested(client, "حوك") == ["الحوكمة الرشيدة للجمعيات"]
    assert sorted(suggested(client, "الجمعي")) == [
        "الحوكمة الرشيدة للجمعيات",
        "مسار احتضان الجمعيات الشبابية",
    ]
    assert suggested(client, "اح") == []
    assert suggested(client, "<b>") == []


def test_a_short_word_suggests_the_titles_it_starts_not_those_of_its_stem(client, home):
    """Its stem would be two letters (البيان → بي, which starts many words): it is read without
    its article instead."""
    StandardPageFactory(parent=home, title="بيان إمكانية الوصول")
    StandardPageFactory(parent=home, title="بيئة العمل في الجمعيات")
    for typed in ("البيان", "والبيان", "بيان"):
        assert suggested(client, typed) == ["بيان إمكانية الوصول"], typed


def test_a_word_typed_with_a_letter_missing_still_suggests_its_titles(client, home):
    StandardPageFactory(parent=home, title="أساسيات الأمن السيبراني للمنظمات")
    StandardPageFactory(parent=home, title="الحوكمة الرشيدة للجمعيات")
    assert suggested(client, "السيبرني") == ["أساسيات الأمن السيبراني للمنظمات"]
    assert suggested(client, "الامن السيبرني") == ["أساسيات الأمن السيبراني للمنظمات"]
    assert suggested(client, "زخرفة") == []


def test_suggestions_offer_popular_searches_that_found_something(client, home):
    StandardPageFactory(parent=home, slug="governance", title="الحوكمة الرشيدة")
    for _ in range(3):
        results(client, "الحوكمه الرشيده")
    _soup, hits = results(client, "الحوكيات")
    assert hits == []
    assert Query.get("الحوكيات").hits == 1
    response = client.get("/ar/search/suggest/", {"q": "الحوك"})
    assert response.json()["results"] == [
        {"title": "الحوكمة الرشيدة", "url": "/ar/governance/"},
        {
            "title": "الحوكمه الرشيده",
            "url": "/ar/search/?" + urlencode({"q": "الحوكمه الرشيده"}),
        },
    ]


def test_suggestions_never_offer_what_one_visitor_typed_of_their_own(client, home):
    """A visitor's search is shown to others only when it was made several times and every word
    of it is one the site publishes: a name, a telephone number or an address typed into the
    box, even with a word of the site's, stays theirs."""
    StandardPageFactory(parent=home, slug="governance", title="الحوكمة الرشيدة للجمعيات")
    for text, times in [
        ("الحوكمة الرشيدة", 3),
        ("الحوكمة للجمعيات", 2),  # made twice only
        ("الحوكمة سامر الخطيب", 5),
        ("الحوكمة 0933123456", 5),
        ("الحوكمة samer@example.org", 5),
    ]:
        query = Query.get(text)
        for _ in range(times):
            query.add_hit()
    assert suggested(client, "الحوك") == ["الحوكمة الرشيدة للجمعيات", "الحوكمة الرشيدة"]

    StandardPageFactory(parent=home, slug="samer", title="لقاء مع سامر الخطيب")
    cache.clear()
    # Once the site itself publishes the name, a search for it is no one's secret.
    assert "الحوكمة سامر الخطيب" in suggested(client, "الحوك")


def test_pages_with_every_word_come_first_whether_or_not_they_fill_the_reranked_head(
    client, home, monkeypatch
):
    """With as many pages holding every word as the site's rules reorder, the pages with one
    word (here with it in their title, which the backend scores highly) come after all of them;
    with fewer, they still follow."""
    monkeypatch.setattr("search.query.RERANKED", 4)
    section = StandardPageFactory(parent=home, title="قسم")
    for number in range(4):
        StandardPageFactory(
            parent=section, title=f"تقرير {number}", summary="دورة حاسوب في حماة للمتطوعين"
        )
    for number in range(6):
        StandardPageFactory(parent=section, title=f"حاسوب {number}", summary="حاسوب حاسوب")

    _soup, hits = results(client, "حاسوب حماة")
    titles = [hit.select_one("a").get_text(" ", strip=True) for hit in hits]
    assert sorted(titles[:4]) == [f"تقرير {n}" for n in range(4)]
    assert titles[4:] == []  # the head is full: pages with one word are not listed

    monkeypatch.setattr("search.query.RERANKED", 5)
    cache.clear()  # searches are remembered until the content changes
    _soup, hits = results(client, "حاسوب حماة")
    titles = [hit.select_one("a").get_text(" ", strip=True) for hit in hits]
    assert sorted(titles[:4]) == [f"تقرير {n}" for n in range(4)]
    assert sorted(titles[4:]) == [f"حاسوب {n}" for n in range(6)]
