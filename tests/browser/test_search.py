import pytest
from playwright.sync_api import expect

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


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("احتضان", "مسار احتضان الجمعيات الشبابية التقنية"),
        ("وزارة الاتصالات والتقانة", "وزارة الاتصالات والتقانة"),
        # Asked as a question: "كيف" is no subject (the privacy policy, which says it, came first).
        ("كيف اقدم طلب", "طلب الانضمام إلى مسار احتضان الجمعيات الشبابية التقنية"),
        # A synonym the demo's editors gave: the track says احتضان, people type حاضنة.
        ("حاضنة", "مسار احتضان الجمعيات الشبابية التقنية"),
    ],
)
def test_on_a_phone_the_best_match_is_the_first_thing_under_the_search_box(
    page, demo_site, assert_accessible, query, answer
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/ar/search/")
    page.locator("#search-q").fill(query)
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/ar/search/?q=*")
    first = page.get_by_test_id("search-result").first
    expect(first.get_by_role("heading")).to_contain_text(answer)
    # It heads the ranked list (no box of partner cards before it), on the phone's first
    # screen, and nothing is wider than the phone.
    assert first.evaluate("el => el.parentElement.matches('ol.search-results')")
    assert first.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
