import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_search_as_you_type_offers_titles_and_opens_the_chosen_page(page, demo_site):
    page.goto("/ar/")
    box = page.get_by_role("combobox", name="ابحث في الموقع")
    box.press_sequentially("الخصوصيه", delay=20)
    option = page.locator("#site-search-suggestions option").first
    option.wait_for(state="attached")
    title = option.get_attribute("value")
    assert "الخصوصية" in title
    # What a browser does when the visitor picks an entry of the list.
    box.evaluate(
        "(el, title) => { el.value = title; el.dispatchEvent(new Event('input')); }", title
    )
    page.wait_for_url("**/ar/privacy-policy/")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_search_results_have_no_accessibility_violation(
    page, demo_site, assert_accessible, language
):
    page.goto(f"/{language}/")
    page.locator("#site-search-q").fill("برنامج" if language == "ar" else "programme")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/search/?q=*")
    assert page.get_by_test_id("search-result").count() > 0
    assert_accessible(page)
