"""An editor signs in to the Arabic admin, drafts a programme and submits it for approval."""

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from home import roles
from news.models import NewsPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.browser.staff import PASSWORD, log_in
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def arabic_page(new_context):
    """A browser whose preferred language is Arabic."""
    return new_context(locale="ar-SY").new_page()


def test_an_editor_drafts_a_programme_in_arabic_and_submits_it(arabic_page, demo_site):
    page = arabic_page
    StaffUserFactory(username="muharrir", groups=[roles.SECTIONS["programmes"].editors])
    index = ProgrammeIndexPage.objects.get(locale__language_code="ar")

    page.goto("/admin/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_username").fill("muharrir")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "ar"

    page.goto(f"/admin/pages/add/programmes/programmepage/{index.pk}/")
    page.locator("#id_title").fill("مسار الأرشفة الرقمية للجمعيات")
    # The Arabic address follows the title once the title field is left (Wagtail waits 100 ms).
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("مسار-الأرشفة-الرقمية-للجمعيات")
    page.locator("#id_summary").fill("تدريب الجمعيات على أرشفة وثائقها رقميًا وحفظها بأمان.")
    page.locator("#id_track").fill("التحول الرقمي")
    submit = page.locator("button[name=action-submit]")
    assert "اعتماد المشرف" in submit.inner_text()
    submit.evaluate("button => button.click()")
    page.wait_for_url(f"**/admin/pages/{index.pk}/")

    programme = ProgrammePage.objects.get(title="مسار الأرشفة الرقمية للجمعيات")
    assert not programme.live
    state = programme.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by.username == "muharrir"
    # The editor cannot publish: there is no publish button for them.
    page.goto(f"/admin/pages/{programme.pk}/edit/")
    assert page.locator("button[name=action-publish]").count() == 0


def test_a_news_editor_previews_a_new_title_that_visitors_do_not_see_until_published(
    arabic_page, new_context, demo_site
):
    StaffUserFactory(username="akhbar", groups=[roles.SECTIONS["news"].editors])
    news = NewsPage.objects.filter(locale__language_code="ar").live().first()
    visitor = new_context(locale="ar-SY").new_page()
    current = ".breadcrumbs [aria-current=page]"
    visitor.goto(news.url)  # the page and what surrounds it, rendered and remembered
    expect(visitor.locator(current)).to_have_text(news.title)

    page = arabic_page
    log_in(page, "akhbar")
    page.goto(f"/admin/pages/{news.pk}/edit/")
    page.locator("#id_title").fill("عنوان جديد في المسودة")
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator(current)).to_have_text("عنوان جديد في المسودة", timeout=15_000)
    expect(preview.locator("h1")).to_have_text("عنوان جديد في المسودة")

    visitor.reload()
    expect(visitor.locator(current)).to_have_text(news.title)
    expect(visitor.locator("h1")).to_have_text(news.title)
