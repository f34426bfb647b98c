"""Every page type and state, in Arabic and English (and the French demo's pages), has no WCAG
2.2 AA violation.

The other browser tests already check, with axe, the home page, programme indexes and pages, the
Arabic partner directory, news list and article, events, learning pages, the Arabic quiz result and
eligibility verdict, an application form with its errors and reference, the status check, the
certificate check and the search results. This module checks what they leave out.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH_APPLICATION = "/en/programmes/youth-tech-incubator/youth-tech-incubator-application/"
FRENCH_APPLICATION = "/fr/programmes/youth-tech-incubator/youth-tech-incubator-application/"


# What each language still lacks, by page type; a page that does not exist answers 404.
UNCHECKED = {
    "ar": {
        "standard page": "/ar/about/",
        "form index": "/ar/forms/",
        "page not found": "/ar/no-such-page/",
    },
    "en": {
        "partner directory": "/en/partners/",
        "news index": "/en/news/",
        "news page": "/en/news/programme-launch/",
        "form index": "/en/forms/",
        "form page": ENGLISH_APPLICATION,
        "volunteering index": "/en/volunteering/",
        "volunteer opportunity": "/en/volunteering/elderly-care-website/",
        "request for volunteers": "/en/volunteering/ask-for-volunteers/",
        "page not found": "/en/no-such-page/",
    },
    # The demo's French site: everything English has but the legal pages, linking the Arabic
    # ones.
    "fr": {
        "home page": "/fr/",
        "standard page": "/fr/about/",
        "programme index": "/fr/programmes/",
        "programme": "/fr/programmes/youth-tech-incubator/",
        "announced programme": "/fr/programmes/smart-society-volunteers/",
        "application form": FRENCH_APPLICATION,
        "partner directory": "/fr/partners/",
        "news index": "/fr/news/",
        "news page": "/fr/news/programme-launch/",
        "event index": "/fr/events/",
        "event with registration": "/fr/events/digital-security-workshop/",
        "form index": "/fr/forms/",
        "learning index": "/fr/learning/",
        "module": "/fr/learning/cybersecurity-basics/",
        "lesson with a quiz": "/fr/learning/cybersecurity-basics/cyber-backups/",
        "volunteering index": "/fr/volunteering/",
        "volunteer opportunity": "/fr/volunteering/elderly-care-website/",
        "request for volunteers": "/fr/volunteering/ask-for-volunteers/",
        "indicator index": "/fr/indicators/",
        "indicator": "/fr/indicators/trainees-by-track/",
        "open data": "/fr/indicators/data/",
        "page not found": "/fr/no-such-page/",
    },
}


@pytest.mark.parametrize("language", UNCHECKED)
def test_page_types_have_no_accessibility_violation(page, demo_site, assert_accessible, language):
    # One demo site per language, many pages: loading the demo is what takes time.
    for kind, address in UNCHECKED[language].items():
        response = page.goto(address)
        assert response.status == (404 if kind == "page not found" else 200), kind
        assert page.locator("html").get_attribute("lang") == language, kind
        try:
            assert_accessible(page)
        except AssertionError as violations:
            raise AssertionError(f"{kind} ({address}): {violations}") from None


@pytest.mark.parametrize(
    ("language", "address"),
    [("ar", "/ar/forms/complaints/"), ("en", ENGLISH_APPLICATION), ("fr", FRENCH_APPLICATION)],
)
def test_a_form_sent_empty_has_no_accessibility_violation(
    page, demo_site, assert_accessible, language, address
):
    page.goto(address)
    page.locator("form.app-form button[type=submit]:not([name=save_draft])").click()
    page.locator(".error-summary").wait_for()
    assert page.locator(".app-form__error").count() > 1
    assert_accessible(page)


def test_the_english_eligibility_verdict_has_no_accessibility_violation(
    page, demo_site, assert_accessible
):
    page.goto("/en/programmes/youth-tech-incubator/")
    for fieldset in page.locator("#check fieldset").all():
        fieldset.get_by_label("No").check()
    page.get_by_role("button", name="Check my eligibility").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Not yet")
    assert_accessible(page)


def test_the_english_quiz_result_has_no_accessibility_violation(page, demo_site, assert_accessible):
    page.goto("/en/learning/cybersecurity-basics/cyber-backups/")
    for question in page.locator("#quiz fieldset").all():
        question.locator("input").first.check()
    page.locator("#quiz button[type=submit]").click()
    page.get_by_test_id("quiz-result").wait_for()
    assert_accessible(page)
