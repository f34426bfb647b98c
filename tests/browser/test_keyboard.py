"""A visitor without a mouse: the header, a complaint form and a search, with the keyboard alone,
always seeing where the focus is."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What has the focus, and whether the visitor can see it: an outline or a shadow drawn because
# the focus came from the keyboard (:focus-visible).
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    id: el.id,
    name: el.getAttribute("name") || "",
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    landmark: el.closest("nav, form, main, header, footer")?.getAttribute("aria-label")
      || el.closest("nav, form, main, header, footer")?.className || "",
    shown: el.matches(":focus-visible") && (outline || style.boxShadow !== "none"),
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def press(page, key):
    """Press a key, and check that whatever has the focus afterwards shows it."""
    page.keyboard.press(key)
    where = focused(page)
    if where["tag"] not in ("body", "main"):
        assert where["shown"], f"no visible focus on {where} after {key}"
    return where


def follow(page, key="Enter"):
    """Press a key that opens another page (a link, a form's button), and wait for that page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_until(page, wanted, limit=60):
    """Tab forward until the focus is on what `wanted(focused)` accepts, as a visitor would."""
    for _ in range(limit):
        where = press(page, "Tab")
        if wanted(where):
            return where
    raise AssertionError(f"Tab never reached it; the focus stopped at {focused(page)}")


def test_the_header_by_keyboard(page, demo_site):
    page.goto("/ar/")
    skip = press(page, "Tab")
    assert skip["text"] == "انتقل إلى المحتوى الرئيسي"
    # In the order they are seen, right to left: the languages, then the search, then the menu.
    english = tab_until(page, lambda where: where["text"] == "English")
    assert english["landmark"] == "اللغة"
    # Back and forth: Shift+Tab returns to the previous language.
    assert press(page, "Shift+Tab")["text"] == "العربية"
    press(page, "Tab")
    tab_until(page, lambda where: where["id"] == "site-search-q")
    assert press(page, "Tab")["tag"] == "button"
    menu = tab_until(page, lambda where: where["landmark"] == "القائمة الرئيسية")
    assert menu["tag"] == "a"
    follow(page)
    assert page.locator("h1").inner_text() == menu["text"]

    # The language switcher by keyboard too: the same page, in English.
    page.goto("/ar/about/")
    tab_until(page, lambda where: where["text"] == "English")
    follow(page)
    assert page.url.endswith("/en/about/")


def test_a_complaint_sent_and_a_search_made_by_keyboard(page, demo_site):
    page.goto("/ar/forms/complaints/")
    tab_until(page, lambda where: where["name"] == "full_name")
    page.keyboard.type("سارة الأحمد")
    tab_until(page, lambda where: where["name"] == "email")
    page.keyboard.type("sara@example.org")
    tab_until(page, lambda where: where["name"] == "subject")
    press(page, "ArrowDown")
    assert page.locator("select[name=subject]").input_value() != ""
    tab_until(page, lambda where: where["name"] == "details")
    page.keyboard.type("لم تصلني رسالة التأكيد بعد إرسال طلبي.")
    tab_until(page, lambda where: where["name"] == "consent")
    press(page, "Space")
    assert page.locator("input[name=consent]").is_checked()
    tab_until(page, lambda where: where["tag"] == "button" and where["landmark"] == "app-form")
    follow(page)
    reference = page.get_by_test_id("reference")
    reference.wait_for()
    assert re.fullmatch(r"TMK-\d{4}-\d{6}", reference.inner_text())

    page.goto("/ar/")
    tab_until(page, lambda where: where["id"] == "site-search-q")
    page.keyboard.type("سياسة الخصوصيه")
    follow(page)
    assert "/ar/search/?q=" in page.url
    hit = tab_until(
        page,
        lambda where: (
            where["tag"] == "a"
            and page.evaluate("document.activeElement.closest('.search-result') !== null")
        ),
    )
    follow(page)
    assert page.url.endswith("/ar/privacy-policy/")
    assert page.locator("h1").inner_text() == hit["text"]
