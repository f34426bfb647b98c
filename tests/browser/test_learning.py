"""A learner takes an Arabic module from the catalogue to a printed, verified certificate."""

import io
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME = "ليلى عبد الرحمن"
MODULE = "أساسيات الأمن السيبراني للمنظمات"
A4_POINTS = (595, 842)


def printed_words(pdf_page):
    """The words a reader sees on a printed page, whatever order the text layer keeps them in.

    Depending on the fonts installed, Chromium writes Arabic runs to the PDF in logical or in visual
    order, so only the words, not their order, are what the certificate promises. Chromium embeds
    Arabic as shaped presentation forms; NFKC gives back the letters typed."""
    return set(unicodedata.normalize("NFKC", pdf_page.extract_text()).split())


def choose(page, question, answer):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def answer_quiz(page, first_answer):
    choose(page, "أيّ كلمات المرور الآتية هي الأقوى؟", first_answer)
    choose(page, "يكفي حفظ النسخة الاحتياطية على الحاسوب نفسه الذي يحوي البيانات الأصلية.", "خطأ")
    phishing = "ما العلامات التي تدل على رسالة تصيّد احتيالي؟"
    choose(page, phishing, "طلب عاجل لإدخال كلمة المرور عبر رابط")
    choose(page, phishing, "عنوان مرسل يشبه عنوان جهة معروفة مع اختلاف طفيف")
    page.get_by_role("button", name="تحقّق من إجاباتي").click()


def test_a_learner_takes_an_arabic_module_to_a_verified_certificate(
    page, demo_site, assert_accessible
):
    page.goto("/ar/learning/")
    assert_accessible(page)
    page.get_by_label("الموضوع").select_option("cybersecurity")
    page.get_by_role("button", name="اعرض الوحدات").click()
    expect(page.get_by_text("وحدة واحدة")).to_be_visible()
    page.get_by_role("link", name="أساسيات الأمن السيبراني للمنظمات").click()
    expect(page.get_by_text("الدروس المكتملة: 0 من 3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="ابدأ الوحدة").click()

    expect(page.get_by_text("الدرس 1 من 3")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    page.get_by_role("button", name="أكملت الدرس، تابع").click()
    expect(page.get_by_text("الدرس 2 من 3")).to_be_visible()
    page.get_by_role("button", name="أكملت الدرس، تابع").click()

    expect(page.get_by_text("الدرس 3 من 3")).to_be_visible()
    assert_accessible(page)
    answer_quiz(page, "Jamia2024")
    result = page.get_by_test_id("quiz-result")
    expect(result).to_contain_text("إجاباتك الصحيحة: 2 من 3 (67%)")
    expect(page.get_by_text("قصيرة ومتوقعة: اسم الجمعية مع السنة")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="أعد الاختبار").click()
    answer_quiz(page, "عبارة طويلة من أربع كلمات غير مترابطة")
    passed = "نجحت في الاختبار، واكتمل هذا الدرس."
    expect(page.get_by_test_id("quiz-result")).to_contain_text(passed)
    page.get_by_role("link", name="العودة إلى الوحدة").click()

    expect(page.get_by_text("الدروس المكتملة: 3 من 3")).to_be_visible()
    page.get_by_label("اسمك كما تريد أن يظهر على الشهادة").fill(NAME)
    assert_accessible(page)
    page.get_by_role("button", name="احصل على شهادتي").click()

    certificate = page.get_by_test_id("certificate")
    assert NAME in certificate.inner_text()
    assert MODULE in certificate.inner_text()
    code = re.search(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}", certificate.inner_text()).group(0)
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    words = printed_words(pdf.pages[0])
    assert set(NAME.split()) <= words
    assert set(MODULE.split()) <= words
    assert code in words
    assert any(word.endswith("/ar/learning/verify/") for word in words)
    page.emulate_media(media="screen")

    page.goto("/ar/learning/verify/")
    page.get_by_label("رمز التحقق").fill(code.lower())
    page.get_by_role("button", name="تحقّق من الرمز").click()
    verdict = page.get_by_test_id("verify-result")
    expect(verdict).to_contain_text("هذه الشهادة صحيحة")
    expect(verdict).to_contain_text(NAME)
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/en/learning/",
        "/en/learning/cybersecurity-basics/",
        "/en/learning/cybersecurity-basics/cyber-backups/",
        "/en/learning/verify/?code=AAAA-BBBB-CCCC-DDDD",
    ],
)
def test_english_learning_pages_have_no_accessibility_violation(
    page, demo_site, assert_accessible, path
):
    page.goto(path)
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_accessible(page)
