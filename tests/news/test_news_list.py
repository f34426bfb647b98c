import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from news.models import NewsCategory, NewsPage, RelatedNews, RelatedProgramme
from tests.factories import NewsPageFactory, StandardPageFactory
from tests.news.helpers import come, draft_news

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".news-item__title a")]


def category(name, slug, locale_id=None):
    return NewsCategory.objects.create(
        name=name, slug=slug, locale_id=locale_id or Locale.get_default().pk
    )


def test_newest_first_with_kind_date_and_category_shown(client, news_index):
    training = category("التدريب", "training")
    NewsPageFactory(parent=news_index, title="الأقدم", date=datetime.date(2025, 1, 5))
    NewsPageFactory(
        parent=news_index,
        title="الأحدث",
        date=datetime.date(2026, 3, 1),
        kind=NewsPage.Kind.ANNOUNCEMENT,
        category=training,
    )
    NewsPageFactory(parent=news_index, title="الأوسط", date=datetime.date(2025, 6, 1))
    response = client.get("/ar/news/")
    assert titles(response) == ["الأحدث", "الأوسط", "الأقدم"]
    first = BeautifulSoup(response.content, "html.parser").select_one(".news-item")
    text = first.get_text(" ", strip=True)
    assert "إعلان" in text and "التدريب" in text
    assert "1 مارس 2026" in text
    assert first.time["datetime"] == "2026-03-01"


def test_filters_by_kind_category_tag_and_year(client, news_index):
    training = category("التدريب", "training")
    a = NewsPageFactory(
        parent=news_index, title="ورشة", date=datetime.date(2026, 2, 1), category=training
    )
    a.tags.add("أمن رقمي")
    a.save_revision().publish()
    NewsPageFactory(
        parent=news_index,
        title="إعلان",
        date=datetime.date(2025, 2, 1),
        kind=NewsPage.Kind.ANNOUNCEMENT,
    )
    NewsPageFactory(
        parent=news_index, title="بيان", date=datetime.date(2026, 5, 1), kind="press_release"
    )
    assert titles(client.get("/ar/news/?kind=announcement")) == ["إعلان"]
    assert titles(client.get("/ar/news/?category=training")) == ["ورشة"]
    assert titles(client.get("/ar/news/", {"tag": "أمن رقمي"})) == ["ورشة"]
    assert titles(client.get("/ar/news/?year=2026")) == ["بيان", "ورشة"]
    assert titles(client.get("/ar/news/?year=2026&kind=news")) == ["ورشة"]
    assert titles(client.get("/ar/news/", {"year": "٢٠٢٦"})) == ["بيان", "ورشة"]


@pytest.mark.parametrize(
    "query", ["kind=gossip", "category=nothing", "tag=%00", f"tag={'x' * 500}"]
)
def test_a_value_that_names_nothing_is_dropped_alone(client, news_index, query):
    NewsPageFactory(parent=news_index, title="الأحدث", date=datetime.date(2026, 2, 1))
    NewsPageFactory(parent=news_index, title="الأقدم", date=datetime.date(2025, 2, 1))
    response = client.get(f"/ar/news/?year=2026&{query}")
    assert titles(response) == ["الأحدث"]
    page = BeautifulSoup(response.content, "html.parser")
    # The feeds offered keep the valid filter only.
    assert page.select_one("link[type='application/rss+xml']")["href"].endswith("/rss/?year=2026")


@pytest.mark.parametrize(
    "query",
    [
        "kind=gossip",
        "category=no-such-category",
        "year=abc",
        "year=1999",
        "year=99999999999999999999",
        "kind=news&kind=",
        "category=%00",
        "tag=%00",
        "tag=a%00b",
        f"tag={'x' * 500}",
        "year=%00",
        "page=-3",
        "page=abc",
    ],
)
def test_unknown_or_malformed_filters_are_ignored(client, news_index, query):
    NewsPageFactory(parent=news_index, title="خبر", date=datetime.date(2025, 1, 5))
    assert "خبر" in titles(client.get(f"/ar/news/?{query}"))


def test_filters_form_keeps_the_chosen_values(client, news_index):
    category("التدريب", "training")
    NewsPageFactory(parent=news_index, date=datetime.date(2025, 1, 5))
    page = BeautifulSoup(
        client.get("/ar/news/?kind=announcement&category=training&year=2025").content,
        "html.parser",
    )
    assert page.select_one("#filter-kind option[selected]")["value"] == "announcement"
    assert page.select_one("#filter-category option[selected]")["value"] == "training"
    assert page.select_one("#filter-year option[selected]")["value"] == "2025"
    assert page.select_one("label[for=filter-year]") is not None


def test_pagination_keeps_the_filters_and_a_page_past_the_end_shows_the_last(client, news_index):
    for day in range(14):
        NewsPageFactory(parent=news_index, title=f"خبر {day}", date=datetime.date(2025, 1, 1 + day))
    first = client.get("/ar/news/?year=2025")
    assert len(titles(first)) == 12
    page = BeautifulSoup(first.content, "html.parser")
    assert page.select_one(".pagination a[rel=next]")["href"] == "?year=2025&page=2"
    assert titles(client.get("/ar/news/?year=2025&page=2")) == ["خبر 1", "خبر 0"]
    assert titles(client.get("/ar/news/?year=2025&page=99")) == ["خبر 1", "خبر 0"]


def test_query_count_stays_flat_as_news_grow(
    client, news_index, django_assert_max_num_queries, django_assert_num_queries
):
    training = category("التدريب", "training")

    def add(count):
        for _ in range(count):
            page = NewsPageFactory(parent=news_index, category=training)
            page.tags.add("تدريب")
            page.save_revision().publish()

    add(2)
    client.get("/ar/news/")  # caches warmed: site, locales, settings
    with django_assert_max_num_queries(50) as few:
        client.get("/ar/news/")
    count = len(few)
    add(10)
    client.get("/ar/news/")
    with django_assert_num_queries(count):
        client.get("/ar/news/")


def test_other_languages_have_their_own_list(client, news_index, english):
    NewsPageFactory(parent=news_index, title="خبر عربي")
    english_index = news_index.copy_for_translation(english, copy_parents=True)
    english_index.save_revision().publish()
    assert titles(client.get("/en/news/")) == []
    assert titles(client.get("/ar/news/")) == ["خبر عربي"]


def test_unpublished_expired_and_future_dated_news_stay_out(client, news_index, schedule):
    NewsPageFactory(parent=news_index, title="منشور")
    NewsPageFactory(parent=news_index, title="مسودة", live=False)
    NewsPageFactory(
        parent=news_index,
        title="منتهي الصلاحية",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    NewsPageFactory(
        parent=news_index,
        title="مؤرخ بالغد",
        date=timezone.localdate() + datetime.timedelta(days=1),
    )
    schedule(news_index, draft_news())
    assert titles(client.get("/ar/news/")) == ["منشور"]


def test_an_announcement_scheduled_for_tomorrow_appears_once_its_time_comes(
    client, news_index, schedule
):
    page = schedule(news_index, draft_news())
    assert titles(client.get("/ar/news/")) == []
    assert client.get("/ar/news/tomorrow/").status_code == 404
    # A day later: the scheduled revision's time has come and the scheduler runs.
    come(page)
    call_command("publish_scheduled")
    assert titles(client.get("/ar/news/")) == ["إعلان مجدول للغد"]
    assert client.get("/ar/news/tomorrow/").status_code == 200


def test_a_news_page_links_related_news_and_programmes_still_public(client, home, news_index):
    programme = StandardPageFactory(parent=home, title="مسار الاحتضان")
    public = NewsPageFactory(parent=news_index, title="خبر ذو صلة")
    expired = NewsPageFactory(
        parent=news_index, title="خبر منتهٍ", expire_at=timezone.now() - datetime.timedelta(1)
    )
    draft = NewsPageFactory(parent=news_index, title="خبر غير منشور", live=False)
    page = NewsPageFactory(parent=news_index, slug="main")
    for target in (public, expired, draft):
        page.related_news.add(RelatedNews(page=target))
    page.related_programmes.add(RelatedProgramme(page=programme))
    page.save()
    body = BeautifulSoup(client.get("/ar/news/main/").content, "html.parser").get_text()
    assert "خبر ذو صلة" in body and "مسار الاحتضان" in body
    assert "خبر منتهٍ" not in body and "خبر غير منشور" not in body


def test_the_list_is_rendered_once_and_shows_a_new_item_at_once(client, news_index):
    NewsPageFactory(parent=news_index, title="الأقدم", date=datetime.date(2026, 1, 5))
    assert titles(client.get("/ar/news/")) == ["الأقدم"]
    with CaptureQueriesContext(connection) as queries:
        assert titles(client.get("/ar/news/")) == ["الأقدم"]
    assert not [query for query in queries.captured_queries if "news_newspage" in query["sql"]]
    NewsPageFactory(parent=news_index, title="الأحدث", date=datetime.date(2026, 2, 5))
    assert titles(client.get("/ar/news/")) == ["الأحدث", "الأقدم"]
    # Each choice of filters and each page is a list of its own.
    assert titles(client.get("/ar/news/?kind=announcement")) == []
    assert titles(client.get("/ar/news/?year=2026")) == ["الأحدث", "الأقدم"]


def test_what_a_news_page_shows_from_elsewhere_is_read_once_and_never_from_a_draft(
    client, home, news_index
):
    first = NewsPageFactory(parent=news_index, title="خبر ذو صلة")
    page = NewsPageFactory(parent=news_index, slug="main")
    page.related_news.add(RelatedNews(page=first))
    page.tags.add("تدريب")
    page.save()

    def shown():
        return BeautifulSoup(client.get("/ar/news/main/").content, "html.parser").get_text()

    assert "خبر ذو صلة" in shown() and "تدريب" in shown()
    with CaptureQueriesContext(connection) as queries:
        shown()
    assert not queries.captured_queries

    # A draft's links are in its preview only, until it is published.
    second = NewsPageFactory(parent=news_index, title="خبر أضيف في المسودة")
    draft = NewsPage.objects.get(pk=page.pk)
    draft.related_news.add(RelatedNews(page=second))
    draft.tags.add("ورشة")
    revision = draft.save_revision()
    preview = revision.as_object().make_preview_request().content.decode()
    assert "خبر أضيف في المسودة" in preview and "ورشة" in preview
    assert "خبر أضيف في المسودة" not in shown() and "ورشة" not in shown()
    revision.publish()
    assert "خبر أضيف في المسودة" in shown() and "ورشة" in shown()


def test_an_english_news_item_links_a_programme_not_translated_yet_in_arabic(
    client, home, news_index
):
    english = Locale.objects.get(language_code="en")
    programme = StandardPageFactory(parent=home, title="مسار الاحتضان", slug="incubator")
    translated = NewsPageFactory(parent=news_index, title="خبر ذو صلة", slug="related")
    page = NewsPageFactory(parent=news_index, slug="main")
    page.related_programmes.add(RelatedProgramme(page=programme))
    page.related_news.add(RelatedNews(page=translated))
    page.save_revision().publish()
    for source in (translated, page):
        copy = source.copy_for_translation(english, copy_parents=True)
        copy.title = "Related news" if source == translated else "Main news"
        copy.save_revision().publish()

    body = BeautifulSoup(client.get("/en/news/main/").content, "html.parser")
    links = {a.get_text(): a for a in body.select("main a[href]")}
    assert links["Related news"]["href"] == "/en/news/related/"
    assert not links["Related news"].has_attr("lang")
    arabic = links["مسار الاحتضان"]
    assert (arabic["href"], arabic["lang"], arabic["dir"], arabic["hreflang"]) == (
        "/ar/incubator/",
        "ar",
        "rtl",
        "ar",
    )
