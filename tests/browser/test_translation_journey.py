"""A programme's translation to the end, in the Arabic admin: a translator translates it in the
translation editor and submits it, a moderator publishes it, and the English page shows English
criteria with the Arabic page's dates."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Locale, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from home import roles
from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.browser.staff import log_in
from tests.browser.test_two_factor import app_code, give_code
from tests.factories import EligibilityCriterionFactory, ProgrammePageFactory, StaffUserFactory
from tests.home.test_translating import type_translations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPENS = datetime.date(2030, 3, 1)
CLOSES = datetime.date(2030, 6, 30)
CRITERION_IN_ENGLISH = {
    "text": "The association has been registered for two years",
    "explanation": "Check the registration certificate.",
    "question": "Has your association been registered for two years?",
}


@pytest.fixture
def arabic_browser(new_context):
    """Fresh browsers whose preferred language is Arabic: arabic_browser() → page."""
    return lambda: new_context(locale="ar-SY").new_page()


def start_translation(instance, locale, publish):
    """What "Translate this page" (or "Translate" on a snippet) does in the admin."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    started = Translation.objects.create(source=source, target_locale=locale)
    started.save_target(publish=publish)
    return started


def staff_in_arabic(username, group):
    user = StaffUserFactory(username=username, groups=[group])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "ar"})
    return user


def test_a_translator_translates_a_programme_and_a_moderator_publishes_it(
    arabic_browser, demo_site
):
    english_locale = Locale.objects.get(language_code="en")
    criterion = EligibilityCriterionFactory(
        text="أن تكون الجمعية مسجلة منذ سنتين",
        explanation="تُراجع شهادة التسجيل.",
        question="هل مضى على تسجيل جمعيتك سنتان؟",
    )
    arabic = ProgrammePageFactory(
        parent=ProgrammeIndexPage.objects.get(locale__language_code="ar"),
        title="مسار الأرشفة الرقمية",
        slug="digital-archiving",
        opens=OPENS,
        closes=CLOSES,
        criteria=[criterion],
    )
    arabic.save_revision().publish()
    # The criterion's sentences are typed in with the ORM, as its translation editor would save
    # them; the translator submits it, and translates the page's own sentences, in the browser.
    criterion_translation = start_translation(criterion, english_locale, publish=False)
    for segment in criterion_translation.source.stringsegment_set.all():
        segment.string.translations.create(
            locale=english_locale,
            context=segment.context,
            data=CRITERION_IN_ENGLISH[segment.context.path],
        )
    english_criterion = criterion.get_translation(english_locale)
    # Every sentence of the page but its title is typed in the same way.
    page_translation = start_translation(arabic, english_locale, publish=False)
    type_translations(page_translation, leave=["title"])
    english = ProgrammePage.objects.get(
        locale=english_locale, translation_key=arabic.translation_key
    )
    staff_in_arabic("mutarjim", roles.TRANSLATORS)
    moderator = staff_in_arabic("mushrif", roles.MODERATORS)
    TOTPDevice.objects.create(user=moderator, name="app", confirmed=True)

    page = arabic_browser()
    log_in(page, "mutarjim")
    page.wait_for_url("**/admin/")
    criterion_editor = (
        f"/admin/snippets/programmes/eligibilitycriterion/edit/{english_criterion.pk}/"
    )
    page.goto(criterion_editor)
    page.locator(".translation-submit button[type=submit]").click()
    page.wait_for_url(f"**{criterion_editor}")
    english_criterion.refresh_from_db()
    # Waiting for the moderator: not on the site yet.
    assert not english_criterion.live
    assert english_criterion.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    page.goto(f"/admin/pages/{english.pk}/edit/")
    # Submitted with its title untranslated, the page would go live with an Arabic title.
    page.locator(".translation-submit button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("بقيت جملة واحدة دون ترجمة")
    english.refresh_from_db()
    assert english.current_workflow_state is None
    editor = page.locator(".js-translation-editor")
    # One sentence of the source (its list item carries the sentence's state), not its field.
    title_segment = editor.locator(
        "li:is(.incomplete, .complete)", has_text="مسار الأرشفة الرقمية"
    ).first
    title_segment.get_by_role("button", name="ترجمة").click()
    title_segment.locator("textarea").fill("Digital archiving track")
    title_segment.get_by_role("button", name="حفظ").click()
    expect(title_segment).to_have_class("complete")
    expect(title_segment).to_contain_text("Digital archiving track")

    # Arabic in the editor is upright and reads right to left beside the English translation.
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    source = editor.locator("p", has_text="مسار الأرشفة الرقمية").first
    assert source.evaluate("p => getComputedStyle(p).fontStyle") == "normal"
    assert source.evaluate("p => getComputedStyle(p).unicodeBidi") == "plaintext"

    page.locator(".translation-submit button[type=submit]").click()
    page.wait_for_url(f"**/admin/pages/{english.pk}/edit/")
    english.refresh_from_db()
    assert not english.live
    assert english.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    page = arabic_browser()
    log_in(page, "mushrif")
    page.wait_for_url("**/admin/two-factor/**")
    give_code(page, app_code(moderator))
    page.wait_for_url("**/admin/")
    # The page and its criterion wait side by side; approved, each leaves the moderator's list.
    for waiting in ("Digital archiving track", CRITERION_IN_ENGLISH["text"]):
        awaiting = page.locator("tr", has_text=waiting)
        awaiting.locator(".w-dropdown__toggle").click()
        awaiting.locator("button[data-workflow-action-url*='/approve/']").first.click()
        expect(awaiting).to_have_count(0)
    english.refresh_from_db()
    assert english.live and english.title == "Digital archiving track"
    english_criterion.refresh_from_db()
    assert english_criterion.live

    page.goto(english.url)
    content = page.locator("main")
    for english_text in CRITERION_IN_ENGLISH.values():
        expect(content).to_contain_text(english_text)
    expect(content).not_to_contain_text("الجمعية مسجلة")
    expect(content).not_to_contain_text("تسجيل جمعيتك")
    with translation.override("en"):
        expect(content).to_contain_text(date_format(OPENS, "DATE_FORMAT"))
        expect(content).to_contain_text(date_format(CLOSES, "DATE_FORMAT"))
