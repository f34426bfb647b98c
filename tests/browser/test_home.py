import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_home_page_has_no_accessibility_violation(
    page, demo_site, assert_accessible, language, direction
):
    page.goto(f"/{language}/")
    assert page.locator("html").get_attribute("dir") == direction
    assert_accessible(page)


def test_visitor_switches_language_and_keeps_the_page(page, demo_site, assert_accessible):
    page.goto("/ar/about/")
    assert page.locator("h1").inner_text() == "عن البرنامج"
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.locator("h1").inner_text() == "About the programme"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_skip_link_moves_keyboard_focus_to_the_main_content(page, demo_site):
    page.goto("/ar/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="انتقل إلى المحتوى الرئيسي")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_accessibility_check_catches_a_violation(page, axe):
    page.set_content('<html lang="ar"><title>t</title><main><img src="data:,"></main></html>')
    rules = {v["id"] for v in axe.run(page).response["violations"]}
    assert "image-alt" in rules
