import re

import pytest
from playwright.sync_api import expect

from applications.models import Status, Submission, SubmissionFile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FORM = "/ar/programmes/youth-tech-incubator/youth-tech-incubator-application/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_applicant_fixes_errors_and_gets_a_reference(page, demo_site, assert_accessible):
    page.goto(FORM)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)

    page.get_by_label("اسم الفريق أو الجمعية").fill("فريق <b>رواد</b> التقنية")
    page.get_by_label("اسم مقدّم الطلب").fill("سارة الأحمد")
    page.get_by_label("البريد الإلكتروني").fill("sara@")
    page.get_by_label("رقم الهاتف").fill("٠٩٣٣١٢٣٤٥٦")
    page.get_by_label("المحافظة").select_option(index=1)
    page.get_by_label("عدد أعضاء الفريق").fill("٥")
    page.get_by_label("جمعية مشهرة").check()
    page.get_by_label("صف فكرتكم").fill("منصة تربط المتطوعين بالجمعيات في الأحياء.")
    page.get_by_label("وثيقة التأسيس").set_input_files(
        {"name": "وثيقة التأسيس.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="إرسال الطلب").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    # Focus (and the screen) goes to the summary, without JavaScript.
    assert summary.evaluate("el => el === document.activeElement")
    assert page.title().startswith("خطأ:")
    links = summary.get_by_role("link")
    assert links.count() == 2  # the email and the consent
    assert "اختر ملفاتك مرة أخرى" in summary.inner_text()
    assert page.get_by_label("اسم مقدّم الطلب").input_value() == "سارة الأحمد"
    assert_accessible(page)

    links.first.click()
    assert page.evaluate("document.activeElement.name") == "email"
    page.get_by_label("البريد الإلكتروني").fill("sara@example.org")
    page.get_by_label("أوافق على معالجة بياناتي").check()
    page.get_by_label("وثيقة التأسيس").set_input_files(
        {"name": "وثيقة التأسيس.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="إرسال الطلب").click()

    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"TMK-\d{4}-\d{6}", reference)
    assert_accessible(page)
    submission = Submission.objects.get(reference=reference)
    assert submission.form_data["phone"] == "0933123456"
    assert SubmissionFile.objects.get(submission=submission).name == "وثيقة-التأسيس.pdf"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_status_check_answers_an_applicant(page, demo_site, assert_accessible, language):
    from applications.models import ApplicationFormPage
    from applications.references import format_reference

    form = ApplicationFormPage.objects.get(locale__language_code="ar", slug="complaints")
    submission = Submission.objects.create(
        page=form,
        form_data={},
        reference=format_reference(2026, 4242),
        email="sara@example.org",
    )
    submission.set_status(Status.ACCEPTED)
    page.goto(f"/{language}/forms/status/")
    assert_accessible(page)
    page.locator("input[name=reference]").fill("TMK-2026-004242")
    page.locator("input[name=email]").fill("sara@example.org")
    page.locator("form.app-form button[type=submit]").click()
    result = page.get_by_test_id("status-result").inner_text()
    assert ("مقبول" if language == "ar" else "Accepted") in result
    assert_accessible(page)


def test_back_then_send_again_gives_the_same_reference(page, demo_site, assert_accessible):
    """The browser brings the form back with the answers typed and a new one-time token."""
    page.goto("/ar/forms/complaints/")
    page.get_by_label("الاسم الكامل").fill("هالة الصالح")
    page.get_by_label("البريد الإلكتروني").fill("hala@example.org")
    page.get_by_label("رقم الهاتف").fill("0933123456")
    page.get_by_label("موضوع الشكوى").select_option(index=1)
    page.get_by_label("تفاصيل الشكوى").fill("لم يصلني رد على طلبي السابق.")
    page.get_by_label("أوافق").check()
    page.locator("form.app-form button[type=submit]").click()
    reference = page.get_by_test_id("reference").inner_text()
    expect(page.get_by_test_id("sent-before")).to_have_count(0)

    page.go_back()
    expect(page.get_by_label("تفاصيل الشكوى")).to_have_value("لم يصلني رد على طلبي السابق.")
    page.locator("form.app-form button[type=submit]").click()
    assert page.get_by_test_id("reference").inner_text() == reference
    expect(page.get_by_test_id("sent-before")).to_contain_text("فلم نحفظها مرتين")
    assert_accessible(page)
    assert Submission.objects.filter(email="hala@example.org").count() == 1
