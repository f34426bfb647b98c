"""Phones first: no page scrolls sideways at 320 px, the header leaves the screen to the content,
the menu opens without JavaScript, and on wide screens the menu sits on the content column."""

import pytest
from playwright.sync_api import expect

from config.pagetypes import page_type_addresses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def phone(new_context):
    def open_page(width=390, javascript=True):
        viewport = {"width": width, "height": 844}
        return new_context(viewport=viewport, java_script_enabled=javascript).new_page()

    return open_page


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_no_page_type_scrolls_sideways_at_320_px(phone, demo_site, language):
    page = phone(width=320)
    addresses = page_type_addresses(language)
    # Every page type the language has; French has fewer translated pages, never none.
    assert len(addresses) >= (25 if language != "fr" else 9)
    too_wide = {}
    for kind, address in addresses.items():
        page.goto(address)
        expect(page.locator("main h1").first).to_be_visible()
        width = page.evaluate(WIDTH)
        if width > page.evaluate("window.innerWidth"):
            too_wide[f"{kind} ({address})"] = width
    assert too_wide == {}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_phone_header_is_short_and_its_menu_opens_without_javascript(
    phone, demo_site, language
):
    page = phone(javascript=False)
    page.goto(f"/{language}/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120
    # Searching takes one tap: the box is on screen.
    search = page.locator("#site-search-q")
    expect(search).to_be_in_viewport()
    menu = page.locator(".main-nav")
    expect(menu).to_be_hidden()
    button = page.locator(".site-menu summary")
    button.click()
    expect(menu).to_be_visible()
    expect(page.locator(".site-menu .language-switcher a[hreflang=en]")).to_be_visible()
    assert page.evaluate(WIDTH) <= 390
    button.click()
    expect(menu).to_be_hidden()


def test_the_open_phone_menu_has_no_accessibility_violation(phone, demo_site, assert_accessible):
    # axe runs as a script: this page has JavaScript on.
    page = phone()
    page.goto("/ar/news/")
    page.locator(".site-menu summary").click()
    expect(page.locator(".main-nav")).to_be_visible()
    assert_accessible(page)


def test_a_phone_visitor_follows_the_menu(phone, demo_site):
    page = phone()
    page.goto("/ar/")
    page.get_by_text("القائمة", exact=True).click()
    page.locator(".main-nav").get_by_role("link", name="الأخبار والإعلانات").click()
    expect(page.locator("h1")).to_have_text("الأخبار والإعلانات")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_laptop_the_menu_is_a_bar_on_the_content_column(phone, demo_site, language):
    page = phone(width=1366)
    page.goto(f"/{language}/news/")
    expect(page.locator(".site-menu summary")).to_be_hidden()
    first_item = page.locator(".main-nav a").first
    expect(first_item).to_be_visible()
    item = first_item.bounding_box()
    title = page.locator("main h1").bounding_box()
    # The menu's first item starts where the page's title starts (right in Arabic, left in English).
    if language == "ar":
        assert abs((item["x"] + item["width"]) - (title["x"] + title["width"])) <= 2
    else:
        assert abs(item["x"] - title["x"]) <= 2
    assert page.evaluate(WIDTH) <= 1366


@pytest.mark.parametrize("address", ["/ar/news/", "/ar/learning/"])
def test_filters_on_a_laptop_have_their_title_above_and_fields_in_a_row(phone, demo_site, address):
    page = phone(width=1366)
    page.goto(address)
    title = page.locator(".filters__title").bounding_box()
    selects = [box.bounding_box() for box in page.locator(".filters select").all()]
    assert len(selects) >= 2
    assert all(title["y"] + title["height"] <= box["y"] for box in selects)
    assert len({round(box["y"]) for box in selects}) == 1


@pytest.mark.parametrize(
    "address",
    [
        "/ar/programmes/tech-partnerships/",  # the eligibility check
        "/ar/learning/digital-governance/governance-disclosure/",  # the lesson's quiz
    ],
)
def test_a_question_of_two_lines_stays_whole_inside_its_box(phone, demo_site, address):
    """Set in its box's border, a question that wrapped on a phone had the border drawn through
    it, between its first line and the rest."""
    page = phone()
    page.goto(address)
    questions = page.evaluate(
        """() => [...document.querySelectorAll('form fieldset')].map(box => {
            const question = box.querySelector('legend').getBoundingClientRect();
            const border = parseFloat(getComputedStyle(box).borderTopWidth);
            return {lines: Math.round(question.height / parseFloat(
                        getComputedStyle(box.querySelector('legend')).lineHeight)),
                    inside: question.top >= box.getBoundingClientRect().top + border};
        })"""
    )
    assert any(question["lines"] >= 2 for question in questions)
    assert all(question["inside"] for question in questions)


# Lays out the field's value as the field does (its direction and bidi), and says where each
# group of digits starts: [x of the first group's first digit, x of the last group's].
GROUP_STARTS = """input => {
  const style = getComputedStyle(input);
  const line = document.createElement("span");
  line.style.direction = style.direction;
  line.style.unicodeBidi = style.unicodeBidi;
  line.style.whiteSpace = "pre";
  line.textContent = input.value;
  input.parentElement.append(line);
  const x = offset => {
    const range = document.createRange();
    range.setStart(line.firstChild, offset);
    range.setEnd(line.firstChild, offset + 1);
    return range.getBoundingClientRect().left;
  };
  const starts = [x(0), x(input.value.lastIndexOf(" ") + 1)];
  line.remove();
  return starts;
}"""


@pytest.mark.parametrize(
    ("address", "field"),
    [("/ar/forms/complaints/", "phone"), ("/ar/forms/status/", "reference")],
)
def test_digits_typed_in_arabic_stay_in_the_order_typed(phone, demo_site, address, field):
    """Arabic-Indic digits with spaces between them read as one right-to-left run: the phone
    number ٠٩٣٣ ١٢٣ ٤٥٦ showed its groups backwards in the left-to-right field."""
    page = phone()
    page.goto(address)
    typed = page.locator(f"input[name={field}]")
    typed.fill("٠٩٣٣ ١٢٣ ٤٥٦")
    first, last = typed.evaluate(GROUP_STARTS)
    assert first < last
