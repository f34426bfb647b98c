"""The applicant is told: each status change (and each message from the reviewer) is emailed
to the applicant, in the language of the submission, through the outbox."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from applications.models import Status, Submission
from home.outbox import OutgoingEmail
from tests.applications.conftest import review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(submit):
    submit()
    mail.outbox.clear()
    return Submission.objects.get()


def review(client, admin_user, submission, **data):
    client.force_login(admin_user)
    return client.post(review_url(submission), {"status": submission.status, **data})


def test_a_reviewer_changes_the_status_and_the_applicant_is_emailed_in_arabic(
    client, admin_user, submission
):
    response = review(
        client,
        admin_user,
        submission,
        status=Status.ACCEPTED,
        note="ملاحظة داخلية لا يراها المتقدم.",
        message="مبروك! سنتواصل معكم لتحديد موعد المقابلة.",
    )
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == ["sara@example.org"]
    assert submission.reference in email.subject
    assert "مقبول" in email.subject
    html = email.alternatives[0][0]
    for text in (email.body, html):
        assert "مقبول" in text
        assert "سنتواصل معكم لتحديد موعد المقابلة" in text
        assert "ملاحظة داخلية" not in text
        assert "/status/" in text
    assert 'lang="ar" dir="rtl"' in html


def test_the_status_change_and_its_email_are_in_the_history(client, admin_user, submission):
    review(client, admin_user, submission, status=Status.UNDER_REVIEW, message="نراجع طلبكم.")
    event = submission.history.last()
    assert (event.status, event.message, event.user) == (
        Status.UNDER_REVIEW,
        "نراجع طلبكم.",
        admin_user,
    )
    email = OutgoingEmail.objects.get(purpose="applications.status")
    assert (email.context["event"], email.state) == (event.pk, "sent")

    page = BeautifulSoup(client.get(review_url(submission)).content, "html.parser")
    history = page.find("h2", string="السجل").find_next("ol").get_text(" ", strip=True)
    assert "نراجع طلبكم." in history
    rows = [row.get_text(" ", strip=True) for row in page.select('[data-testid="email"]')]
    assert len(rows) == 3  # the team's notification, the confirmation, this status change
    assert all("sara@example.org" in row or "team@tamkeen.example" in row for row in rows)
    assert all("أُرسل" in row for row in rows)


def test_each_status_change_is_emailed_once(client, admin_user, submission):
    review(client, admin_user, submission, status=Status.UNDER_REVIEW)
    submission.refresh_from_db()
    review(client, admin_user, submission, status=Status.ACCEPTED)
    submission.refresh_from_db()
    review(client, admin_user, submission, note="ملاحظة فقط")
    assert len(mail.outbox) == 2
    assert "قيد الدراسة" in mail.outbox[0].subject
    assert "مقبول" in mail.outbox[1].subject


def test_an_english_submission_is_told_in_english(submission):
    Submission.objects.filter(pk=submission.pk).update(language="en")
    submission.refresh_from_db()
    submission.set_status(Status.REJECTED, message="Thank you for applying.")
    (email,) = mail.outbox
    assert "Rejected" in email.subject
    assert "Thank you for applying." in email.body


def test_a_failed_status_email_waits_in_the_outbox_and_shows_on_the_review_page(
    client, admin_user, submission, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    review(client, admin_user, submission, status=Status.ACCEPTED)
    submission.refresh_from_db()
    assert submission.status == Status.ACCEPTED
    page = BeautifulSoup(client.get(review_url(submission)).content, "html.parser")
    (failed,) = [
        row.get_text(" ", strip=True)
        for row in page.select('[data-testid="email"]')
        if "SMTP server down" in row.get_text()
    ]
    assert "تعذّر الإرسال" in failed
