import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from applications.models import Status, Submission
from tests.applications.conftest import result_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(submit):
    submit()
    submission = Submission.objects.get()
    submission.set_status(Status.ACCEPTED)
    return submission


def test_the_applicant_sees_the_status_and_the_date_of_last_change(client, submission, status_url):
    response = client.post(
        status_url, {"reference": submission.reference, "email": "SARA@example.org"}
    )
    text = result_of(response)
    assert "مقبول" in text
    assert str(submission.status_changed_at.year) in text
    # Nothing else of the submission is shown.
    assert "سارة" not in response.content.decode()
    assert "0933" not in response.content.decode()


def test_the_reference_can_be_typed_with_arabic_digits(client, submission, status_url):
    year, number = submission.reference.split("-")[1:]
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    typed = f"tmk-{year.translate(arabic)}-{number.translate(arabic)}"
    response = client.post(status_url, {"reference": typed, "email": "sara@example.org"})
    assert "مقبول" in result_of(response)


def test_not_found_and_wrong_email_give_the_same_answer(client, submission, status_url):
    wrong_email = client.post(
        status_url, {"reference": submission.reference, "email": "other@example.org"}
    )
    not_found = client.post(
        status_url, {"reference": "TMK-2026-999999", "email": "sara@example.org"}
    )
    assert result_of(wrong_email) == result_of(not_found)
    assert "لم نجد طلبًا" in result_of(not_found)
    assert wrong_email.status_code == not_found.status_code == 200


def test_the_status_check_is_rate_limited(client, submission, status_url, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "status": (2, 600)}
    for _ in range(2):
        client.post(status_url, {"reference": "TMK-2026-000001", "email": "x@example.org"})
    response = client.post(
        status_url, {"reference": submission.reference, "email": "sara@example.org"}
    )
    assert response.status_code == 429
    assert result_of(response) is None


def test_addresses_forged_in_front_of_the_proxy_do_not_escape_the_limit(
    client, submission, status_url, settings
):
    """The proxy appends the address it sees; the client writes a new one in front each time."""
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    limit, _window = settings.RATE_LIMITS["status"]
    answers = [
        client.post(
            status_url,
            {"reference": submission.reference, "email": "sara@example.org"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 198.51.100.7",
        ).status_code
        for attempt in range(limit + 5)
    ]
    assert answers == [200] * limit + [429] * 5


def test_the_status_page_is_not_indexed_and_has_a_labelled_form(client, forms_index, status_url):
    page = BeautifulSoup(client.get(status_url).content, "html.parser")
    assert page.find("meta", {"name": "robots"})["content"] == "noindex"
    for name in ("reference", "email"):
        field = page.find("input", {"name": name})
        assert page.find("label", {"for": field["id"]})


def test_the_applicant_follows_a_link_with_the_reference_filled_in_and_types_only_the_email(
    client, submit, status_url
):
    # Typing TMK-2026-000123 on a phone is where applicants slip: the confirmation page and
    # both emails link to the check with the reference already in it.
    landing = BeautifulSoup(submit().content, "html.parser")
    submission = Submission.objects.get()
    (from_landing,) = [a["href"] for a in landing.select("a") if a["href"].startswith(status_url)]
    links = [from_landing]
    confirmation = submission.emails.get(recipient="sara@example.org")
    for message in mail.outbox:
        if message.to == [confirmation.recipient]:
            html = BeautifulSoup(message.alternatives[0][0], "html.parser")
            links += [a["href"] for a in html.select("a")]
            links += re.findall(r"https?://\S+", message.body)
    assert len(links) == 3
    for link in links:
        page = BeautifulSoup(client.get(link).content, "html.parser")
        assert page.find("input", {"name": "reference"})["value"] == submission.reference
        assert not page.find("input", {"name": "email"}).get("value")
    response = client.post(
        from_landing, {"reference": submission.reference, "email": "sara@example.org"}
    )
    assert "مستلم" in result_of(response)


def test_a_reference_in_the_link_is_only_a_suggestion(client, forms_index, status_url):
    page = BeautifulSoup(
        client.get(status_url, {"reference": '"><script>alert(1)</script>' + "x" * 50}).content,
        "html.parser",
    )
    assert page.find("input", {"name": "reference"})["value"] == '"><script>alert(1)</script>x'[:24]
    assert not page.find("script", string="alert(1)")


def test_the_applicant_reads_what_happened_and_the_messages_meant_for_them(
    client, submit, status_url, django_user_model
):
    submit()
    submission = Submission.objects.get()
    reviewer = django_user_model.objects.create_user("salma", first_name="سلمى", last_name="العلي")
    submission.set_status(Status.UNDER_REVIEW, user=reviewer, note="ملاحظة داخلية للمراجعين")
    submission.set_status(Status.UNDER_REVIEW, user=reviewer, note="ملاحظة ثانية لا تغيّر الحالة")
    submission.set_status(
        Status.REJECTED, user=reviewer, message="<script>x</script>ينقص الطلب وثيقة التأسيس."
    )

    response = client.post(
        status_url, {"reference": submission.reference, "email": "sara@example.org"}
    )
    page = BeautifulSoup(response.content, "html.parser")
    steps = [
        step.get_text(" ", strip=True)
        for step in page.select('[data-testid="status-history"] > li')
    ]
    assert [step.split(": ", 1)[1].split(" ")[0] for step in steps] == ["مستلم", "قيد", "مرفوض"]
    assert "ينقص الطلب وثيقة التأسيس." in steps[2]
    assert "<script>x</script>" in steps[2]  # shown as typed, never run
    assert not page.select('[data-testid="status-history"] script')
    text = page.get_text()
    assert "ملاحظة" not in text and "سلمى" not in text
