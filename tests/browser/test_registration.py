"""In Arabic, as a visitor would: registering for the demo workshop, seeing the reference and
cancelling with the link; saving a long application as a draft on a phone and finishing it from
the emailed link on another device."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from applications.models import Draft, Registration, Submission, SubmissionFile

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("before_the_demo_workshop"),
]

WORKSHOP = "/ar/events/digital-security-workshop/"
APPLICATION = "/ar/programmes/youth-tech-incubator/youth-tech-incubator-application/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}


def link_in(subject_part, pattern):
    message = next(m for m in reversed(mail.outbox) if subject_part in m.subject)
    url = re.search(pattern, message.body).group(0)
    parts = urlsplit(url)
    return message, f"{parts.path}?{parts.query}"


def test_a_visitor_registers_for_the_workshop_and_cancels(page, demo_site, assert_accessible):
    page.goto(WORKSHOP)
    seats = page.get_by_test_id("seats")
    # Six are taken by the demo's registrations.
    expect(seats).to_contain_text("بقي 24 مقعدًا من أصل 30")
    assert_accessible(page)

    page.get_by_label("الاسم الكامل").fill("ليلى حداد")
    page.get_by_label("اسم الجمعية").fill("جمعية الأمل")
    page.get_by_label("البريد الإلكتروني").fill("layla@example.org")
    page.get_by_label("أوافق على معالجة بياناتي").check()
    page.get_by_role("button", name="احجز مقعدي").click()

    reference = page.get_by_test_id("reference")
    expect(reference).to_have_text(re.compile(r"TMK-\d{4}-\d{6}"))
    expect(page.get_by_role("heading", name="تم تأكيد مقعدك")).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get(submission__email="layla@example.org")
    assert registration.submission.reference == reference.inner_text()
    message, _link = link_in("تم تأكيد مقعدك", r"https?://\S+/registration/\?token=\S+")
    assert message.attachments[0][0] == "digital-security-workshop.ics"

    page.get_by_test_id("cancel-link").click()
    expect(page.get_by_role("heading", name="إلغاء تسجيل")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="ألغِ تسجيلي").click()
    expect(page.get_by_test_id("cancel-result")).to_contain_text("تم إلغاء تسجيلك")
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.state == "cancelled"

    page.reload()
    expect(page.get_by_test_id("cancel-result")).to_contain_text("أُلغي هذا التسجيل من قبل")
    page.goto(WORKSHOP)
    expect(page.get_by_test_id("seats")).to_contain_text("بقي 24 مقعدًا من أصل 30")


def test_an_applicant_saves_a_draft_on_a_phone_and_finishes_it_from_the_link(
    page, new_context, demo_site, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto(APPLICATION)
    page.get_by_label("اسم الفريق أو الجمعية").fill("فريق رواد التقنية")
    page.get_by_label("اسم مقدّم الطلب").fill("سارة الأحمد")
    page.get_by_label("البريد الإلكتروني").fill("sara@example.org")
    page.get_by_label("وثيقة التأسيس").set_input_files(
        {"name": "وثيقة التأسيس.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save = page.get_by_role("button", name="احفظ وأكمل لاحقًا")
    expect(save).to_be_visible()
    assert_accessible(page)
    save.click()

    expect(page.get_by_test_id("draft-saved")).to_contain_text("sara@example.org")
    assert_accessible(page)
    # The demo's survey answers aside, nothing is sent: a draft is not a submission.
    assert not Submission.objects.filter(email="sara@example.org").exists()
    _message, link = link_in("مسودتك", r"https?://\S+\?draft=\S+")

    # Another device: nothing shared with the first but the link.
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(link)
    expect(phone.get_by_test_id("draft-notice")).to_contain_text("أنت تكمل مسودتك")
    expect(phone.get_by_label("اسم مقدّم الطلب")).to_have_value("سارة الأحمد")
    expect(phone.get_by_test_id("kept-file")).to_contain_text("وثيقة-التأسيس.pdf")
    assert_accessible(phone)
    phone.get_by_label("رقم الهاتف").fill("0933123456")
    phone.get_by_label("المحافظة").select_option(index=1)
    phone.get_by_label("عدد أعضاء الفريق").fill("٥")
    phone.get_by_label("جمعية مشهرة").check()
    phone.get_by_label("صف فكرتكم").fill("منصة تربط المتطوعين بالجمعيات.")
    phone.get_by_label("أوافق على معالجة بياناتي").check()
    phone.get_by_role("button", name="إرسال الطلب").click()
    reference = phone.get_by_test_id("reference")
    expect(reference).to_have_text(re.compile(r"TMK-\d{4}-\d{6}"))
    assert_accessible(phone)
    submission = Submission.objects.get(reference=reference.inner_text())
    assert SubmissionFile.objects.get(submission=submission).name == "وثيقة-التأسيس.pdf"
    assert Draft.objects.get().submission == submission

    phone.goto(link)
    expect(phone.get_by_test_id("draft-notice")).to_contain_text("أُرسلت هذه المسودة من قبل")
    assert_accessible(phone)
