"""A reviewer reads the submissions of their form in the Arabic admin, and axe finds nothing."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from applications.models import (
    CONFIRMATION_EMAIL,
    NOTIFICATION_EMAIL,
    ApplicationFormPage,
    FieldType,
    Submission,
)
from home import roles
from home.outbox import outgoing
from tests.browser.staff import log_in
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAMPLE_ANSWERS = {
    FieldType.EMAIL: "sara@example.org",
    FieldType.CONSENT: True,
    FieldType.NUMBER: 7,
    FieldType.DATE: "2026-11-02",
    FieldType.FILE: "cv.pdf",
}


def test_a_reviewer_reads_the_submissions_list_and_a_submission_in_arabic(
    page, demo_site, assert_accessible
):
    form = ApplicationFormPage.objects.filter(locale__language_code="ar").first()
    reviewer = StaffUserFactory(username="muraji", groups=[roles.APPLICATION_REVIEWERS])
    UserProfile.objects.update_or_create(user=reviewer, defaults={"preferred_language": "ar"})
    form.reviewers.add(reviewer)
    form.save_revision().publish()
    # The demo's answers aside: this form has one submission, the one the reviewer reads.
    Submission.objects.filter(page=form).delete()
    submission = Submission.objects.create(
        page=form,
        reference="TMK-2026-900003",
        email="sara@example.org",
        form_data={
            field.clean_name: SAMPLE_ANSWERS.get(field.field_type, "جمعية شباب الغد")
            for field in form.get_form_fields()
        },
    )

    log_in(page, "muraji")

    page.goto(f"/admin/forms/submissions/{form.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    reference = page.locator(f'a[href="/admin/applications/submissions/{submission.pk}/"] bdi')
    expect(reference).to_have_text("TMK-2026-900003")
    assert reference.get_attribute("dir") == "ltr"
    expect(page.locator("td bdi", has_text="نعم")).to_have_count(1)
    assert_accessible(page)

    reference.click()
    page.wait_for_url(f"**/admin/applications/submissions/{submission.pk}/")
    expect(page.locator("h1 bdi")).to_have_text("TMK-2026-900003")
    assert_accessible(page)


def test_a_reviewer_reads_a_submission_and_its_emails_on_a_phone(
    page, demo_site, assert_accessible
):
    form = ApplicationFormPage.objects.filter(locale__language_code="ar").first()
    reviewer = StaffUserFactory(username="muraji", groups=[roles.APPLICATION_REVIEWERS])
    UserProfile.objects.update_or_create(user=reviewer, defaults={"preferred_language": "ar"})
    form.reviewers.add(reviewer)
    form.save_revision().publish()
    submission = Submission.objects.create(
        page=form, reference="TMK-2026-900004", email="sara@example.org", form_data={}
    )
    for purpose, recipient in (
        (NOTIFICATION_EMAIL, "programme-team@tamkeen.example"),
        (CONFIRMATION_EMAIL, "sara@example.org"),
    ):
        email = outgoing(purpose, submission, recipient)
        email.state, email.sent_at, email.attempts = "sent", timezone.now(), 1
        email.save()

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "muraji")
    page.goto(f"/admin/applications/submissions/{submission.pk}/")

    # The reference stays one word on one line, and nothing runs off the phone's width.
    assert page.locator("h1 bdi").evaluate("bdi => bdi.getClientRects().length") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each email's state comes next to its name, in sight; the rest of the table scrolls.
    headings = page.locator('[data-testid="emails"] th').all_inner_texts()
    assert headings[:2] == ["البريد الإلكتروني", "الحالة"]
    rows = page.locator('[data-testid="email"]')
    expect(rows).to_have_count(2)
    for row in rows.all():
        state = row.locator("td").nth(1)
        expect(state).to_contain_text("أُرسل")
        box = state.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_accessible(page)
