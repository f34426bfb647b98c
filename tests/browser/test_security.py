"""The Content-Security-Policy blocks nothing the site itself needs, for visitors and editors."""

import pytest
from wagtail.models import Page

from home import roles
from tests.browser.staff import log_in
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# Runs before the page's own scripts; the browser fires this event for every blocked resource.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
}, true);
"""


@pytest.fixture
def watched(page):
    """The page, and what the browser refused or complained about while showing it."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)

    def problems():
        return errors + page.evaluate("window.cspViolations")

    return page, problems


def one_page_of_each_type(language):
    """The address of the first live page of each page type in the language, in tree order."""
    addresses = {}
    pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1)
    for page in pages.specific().order_by("path"):
        addresses.setdefault(type(page).__name__, page.get_url())
    return addresses


@pytest.mark.parametrize(("language", "query"), [("ar", "تمكين"), ("en", "digital")])
def test_no_page_type_breaks_the_policy(watched, demo_site, language, query):
    page, problems = watched
    addresses = one_page_of_each_type(language)
    assert {"HomePage", "ProgrammePage", "NewsPage", "EventPage", "LessonPage"} <= set(addresses)
    addresses["search results"] = f"/{language}/search/?q={query}"
    for kind, address in addresses.items():
        response = page.goto(address)
        assert response.status == 200, kind
        policy = response.headers["content-security-policy"].split("; ")
        assert "script-src 'self'" in policy, kind
        page.wait_for_load_state("load")
        assert problems() == [], f"{kind} ({address})"


def test_the_search_suggestions_still_work(watched, demo_site):
    page, problems = watched
    page.goto("/ar/")
    with page.expect_response("**/ar/search/suggest/?q=*"):
        page.locator("#site-search-q").press_sequentially("تمك")
    assert problems() == []


def test_the_policy_blocks_an_injected_inline_script(watched, demo_site):
    page, problems = watched
    page.goto("/ar/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.injected") is None
    assert any("script-src" in problem for problem in problems())


def test_an_editor_uses_the_userbar_on_a_public_page(watched, demo_site):
    page, problems = watched
    StaffUserFactory(username="muharrira", groups=[roles.SECTIONS["news"].editors])
    log_in(page, "muharrira")
    assert problems() == []

    page.goto("/ar/news/")
    trigger = page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger")
    trigger.click()
    edit = page.locator("wagtail-userbar a[href*='/edit/']")
    edit.wait_for(state="visible")
    assert problems() == []
    edit.click()
    page.wait_for_url("**/admin/pages/*/edit/")
