import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INCUBATOR = "/ar/programmes/youth-tech-incubator/"


@pytest.mark.parametrize(
    "path",
    [
        INCUBATOR,
        "/ar/programmes/empowering-tech-organisations/",
        "/ar/programmes/tech-partnerships/",
        "/en/programmes/youth-tech-incubator/",
        "/ar/programmes/",
        "/en/programmes/?status=open",
        "/ar/partners/",
    ],
)
def test_programme_pages_have_no_accessibility_violation(page, demo_site, assert_accessible, path):
    page.goto(path)
    assert_accessible(page)


def test_eligibility_check_result_has_no_accessibility_violation(
    page, demo_site, assert_accessible
):
    page.goto(INCUBATOR)
    for fieldset in page.locator("#check fieldset").all():
        fieldset.get_by_label("نعم").check()
    page.get_by_role("button", name="تحقّق من أهليتي").click()
    page.wait_for_selector("[data-testid=verdict]")
    assert_accessible(page)


@pytest.fixture
def no_js_page(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_a_visitor_without_javascript_finds_a_track_checks_eligibility_and_how_to_join(
    no_js_page, demo_site
):
    page = no_js_page
    page.goto("/ar/")
    page.get_by_role("navigation", name="القائمة الرئيسية").get_by_role(
        "link", name="البرامج"
    ).click()
    expect(page.locator("h1")).to_have_text("البرامج")
    cards = page.locator("[data-testid=programme] h2")
    expect(cards).to_have_count(4)
    # Open first, then upcoming, then announced, then closed.
    assert "مفتوح" in page.locator("[data-testid=programme] .programme-status").first.inner_text()

    page.get_by_role("link", name="مسار احتضان الجمعيات الشبابية التقنية").click()
    expect(page.locator("h1")).to_have_text("مسار احتضان الجمعيات الشبابية التقنية")
    expect(page.locator("#eligibility li")).to_have_count(6)

    fieldsets = page.locator("#check fieldset")
    for n in range(fieldsets.count()):
        fieldsets.nth(n).get_by_label("نعم").check()
    fieldsets.nth(1).get_by_label("لا").check()
    page.get_by_role("button", name="تحقّق من أهليتي").click()
    verdict = page.locator("[data-testid=verdict]")
    expect(verdict).to_contain_text("ليس بعد")
    assert "check=1" in page.url
    # What was answered is kept, so the visitor can change one answer and check again.
    assert fieldsets.nth(1).get_by_label("لا").is_checked()
    fieldsets.nth(1).get_by_label("نعم").check()
    page.get_by_role("button", name="تحقّق من أهليتي").click()
    expect(page.locator("[data-testid=verdict]")).to_contain_text("يبدو أنك مؤهل")

    # The demo programme has an application form, so Apply leads there; the steps stay linked.
    apply = page.locator("[data-testid=apply]").get_by_role("link", name="قدّم الآن")
    assert apply.get_attribute("href").endswith("/youth-tech-incubator-application/")
    page.locator(".programme__toc").get_by_role("link", name="طريقة الانضمام").click()
    expect(page).to_have_url(re.compile(r"#join$"))
    expect(page.locator("#join ol.steps > li")).to_have_count(5)
