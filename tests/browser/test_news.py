import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_scans_the_arabic_news_and_filters_by_category(page, demo_site, assert_accessible):
    page.goto("/ar/news/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "الأخبار والإعلانات"
    titles = page.locator(".news-item__title a")
    assert titles.count() == 12
    assert titles.first.inner_text() == "البرنامج يصدر تقريره الأول عن الأثر"
    dates = page.locator(".news-item time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == sorted(dates, reverse=True)
    assert page.locator("link[rel=alternate][type='application/rss+xml']").count() == 1
    assert_accessible(page)

    page.get_by_label("التصنيف").select_option(label="التدريب")
    page.get_by_role("button", name="اعرض الأخبار").click()
    page.wait_for_url("**/ar/news/?*category=*")
    categories = page.locator(".news-item__category").all_inner_texts()
    assert categories and set(categories) == {"التدريب"}
    assert page.get_by_label("التصنيف").input_value() != ""
    # The feed offered on the filtered list is the feed of that category.
    rss = page.get_by_role("link", name="RSS", exact=True).get_attribute("href")
    assert rss.startswith("/ar/news/rss/?") and "category=" in rss
    assert_accessible(page)


def test_arabic_news_page_reads_well_and_has_no_accessibility_violation(
    page, demo_site, assert_accessible
):
    page.goto("/ar/news/")
    first = page.locator(".news-item__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("article time").first.inner_text()
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_event_pages_have_no_accessibility_violation(page, demo_site, assert_accessible, language):
    from news.models import EventIndexPage
    from tests.factories import EventPageFactory

    # An event always to come, whatever day the test runs.
    index = EventIndexPage.objects.get(locale__language_code=language)
    EventPageFactory(parent=index, title="ورشة قادمة" if language == "ar" else "A coming workshop")
    page.goto(f"/{language}/events/")
    assert_accessible(page)
    page.locator(".event-item__title a").first.click()
    page.wait_for_load_state()
    calendar = page.get_by_role(
        "link", name="أضِف إلى التقويم" if language == "ar" else "Add to calendar"
    )
    assert calendar.get_attribute("href").endswith("/ics/")
    assert_accessible(page)
