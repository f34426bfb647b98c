"""On a phone, in Arabic: a volunteer finds a remote web-development opportunity, signs up and
checks the status; the coordinator accepts and records 12 hours; the volunteer gets the
certificate of service and checks it. An association asks for a device-repair volunteer and the
reviewer turns the request into a draft opportunity. axe finds nothing on any page."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from applications.models import Submission
from tests.browser.staff import PASSWORD, log_in
from volunteering.models import VolunteerOpportunityPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
NAME = "ليلى عبد الرحمن"
EMAIL = "layla@example.org"
OPPORTUNITY = "بناء موقع إلكتروني لجمعية رعاية المسنين"


def staff(username):
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def accept_in_review(page, submission):
    page.goto(f"/admin/applications/submissions/{submission.pk}/")
    page.get_by_label("الحالة").select_option("accepted")
    page.get_by_role("button", name="حفظ").click()
    expect(page.locator('[data-testid="status"]')).to_contain_text("مقبول")


def test_a_volunteer_signs_up_gives_twelve_hours_and_checks_the_certificate(
    page, new_context, demo_site, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto("/ar/volunteering/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)

    page.get_by_label("المهارة").select_option(label="تطوير المواقع")
    page.get_by_label("عن بُعد أو حضوريًا").select_option(label="عن بُعد فقط")
    page.get_by_role("button", name="اعرض الفرص").click()
    expect(page.get_by_text("فرصتان", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="opportunity"]')).to_have_count(2)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("link", name=OPPORTUNITY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPPORTUNITY)
    expect(page.locator('[data-testid="places"]')).to_have_text("بقيت 3 أماكن من 3")
    assert_accessible(page)

    # Sent without a name first: the error is explained and the email kept.
    page.get_by_label("البريد الإلكتروني").fill(EMAIL)
    page.get_by_role("button", name="إرسال").click()
    expect(page.get_by_role("alert")).to_contain_text("هناك مشكلة")
    expect(page.get_by_label("البريد الإلكتروني")).to_have_value(EMAIL)
    assert_accessible(page)

    page.get_by_label("الاسم الكامل").fill(NAME)
    page.get_by_label("أوافق على حفظ إجاباتي لتنظيم هذا العمل التطوعي").check()
    page.get_by_role("button", name="إرسال").click()
    reference = page.locator('[data-testid="reference"]')
    expect(reference).to_have_text(re.compile(r"^TMK-\d{4}-\d{6}$"))
    number = reference.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="الاستعلام عن حالة طلب").click()
    page.get_by_label("الرقم المرجعي").fill(number)
    page.get_by_label("البريد الإلكتروني").fill(EMAIL)
    page.get_by_role("button", name="استعلام").click()
    expect(page.locator('[data-testid="status-result"]')).to_contain_text("مستلم")

    # The coordinator, on another device, accepts the sign-up and records 12 hours.
    staff("coordinator")
    submission = Submission.objects.get(reference=number)
    opportunity = VolunteerOpportunityPage.objects.get(pk=submission.page_id)
    admin = new_context().new_page()
    log_in(admin, "coordinator")
    accept_in_review(admin, submission)
    # Hours are often recorded on a phone: the form ran off the screen and was cut off there.
    admin.set_viewport_size({"width": 390, "height": 844})
    admin.goto(f"/admin/volunteering/hours/{opportunity.pk}/")
    assert admin.evaluate("document.documentElement.scrollWidth") <= 390
    row = admin.locator('[data-testid="volunteer"]', has_text=NAME)
    hours = row.get_by_label("الساعات")
    box = hours.bounding_box()  # in the screen's width, not scrolled or cut off
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    hours.fill("12")
    row.get_by_role("button", name="سجّل الساعات").click()
    expect(admin.get_by_text(f"سُجّلت 12 ساعة لـ{NAME}.")).to_be_visible()
    assert_accessible(admin)

    page.goto("/ar/volunteering/")
    page.get_by_role("link", name="احصل على شهادة ساعات تطوعك").click()
    page.get_by_label("الرقم المرجعي").fill(number)
    page.get_by_label("البريد الإلكتروني").fill(EMAIL)
    page.get_by_role("button", name="احصل على شهادتي").click()
    certificate = page.locator('[data-testid="certificate"]')
    expect(certificate).to_contain_text(NAME)
    expect(certificate).to_contain_text("12")
    assert_accessible(page)
    code = certificate.locator(".code").inner_text()

    page.goto("/ar/volunteering/verify/")
    page.get_by_label("رمز التحقق").fill(code.lower())
    page.get_by_role("button", name="تحقّق من الرمز").click()
    expect(page.locator('[data-testid="verify-result"]')).to_contain_text("هذه الشهادة صحيحة")
    assert_accessible(page)
    page.get_by_label("رمز التحقق").fill("ABCD-EFGH-JKLM-NPQR")
    page.get_by_role("button", name="تحقّق من الرمز").click()
    expect(page.locator('[data-testid="verify-result"]')).to_contain_text(
        "لا توجد شهادة بهذا الرمز"
    )
    assert_accessible(page)


def test_an_association_asks_for_a_device_repair_volunteer_and_gets_a_draft_opportunity(
    page, new_context, demo_site, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto("/ar/volunteering/")
    page.get_by_role("link", name="تحتاج جمعيتك إلى متطوعين؟ اطلب المساعدة").click()
    assert_accessible(page)
    page.get_by_label("الجمعية *", exact=True).fill("جمعية أصدقاء المكتبة في طرطوس")
    page.get_by_label("الشخص المسؤول عن التواصل").fill("رنا يوسف")
    page.get_by_label("البريد الإلكتروني").fill("rana@example.org")
    page.get_by_label("ما تحتاجون إليه").fill("صيانة حواسيب المكتبة")
    page.get_by_label("التفاصيل").fill("عشرة حواسيب قديمة تحتاج إلى إصلاح.")
    page.get_by_label("صيانة الأجهزة").check()
    page.get_by_label("المكان").select_option(label="طرطوس")
    page.get_by_label("من *", exact=True).fill("2026-12-15")
    page.get_by_label("إلى *", exact=True).fill("2030-03-15")
    page.get_by_label("عدد المتطوعين المطلوب").fill("2")
    page.get_by_label("أوافق على حفظ إجاباتي لتنظيم هذا العمل التطوعي").check()
    page.get_by_role("button", name="إرسال").click()
    expect(page.locator('[data-testid="reference"]')).to_be_visible()
    assert_accessible(page)

    staff("reviewer")
    request = Submission.objects.get(email="rana@example.org")
    admin = new_context().new_page()
    log_in(admin, "reviewer")
    accept_in_review(admin, request)
    admin.goto("/admin/volunteering/requests/")
    admin.locator('[data-testid="request"]', has_text="صيانة حواسيب المكتبة").get_by_role(
        "button", name="حوّله إلى مسودة فرصة"
    ).click()
    expect(admin.get_by_text("أُنشئت مسودة فرصة")).to_be_visible()
    assert_accessible(admin)

    draft = VolunteerOpportunityPage.objects.get(from_request=request.reference)
    assert not draft.live
    assert draft.title == "صيانة حواسيب المكتبة"
    assert draft.region.slug == "tartus"
    assert [skill.slug for skill in draft.skills.all()] == ["device-repair"]
    assert draft.partner.slug == "tartus-library-friends"


@pytest.mark.parametrize(("language", "colon"), [("ar", '":"'), ("fr", '"\u00a0:"')])
def test_an_opportunitys_facts_end_their_labels_as_the_language_writes_a_colon(
    page, demo_site, language, colon
):
    page.goto(f"/{language}/volunteering/elderly-care-website/")
    label = page.locator(".facts dt").first
    after = label.evaluate("dt => getComputedStyle(dt, '::after').content")
    assert after == colon
