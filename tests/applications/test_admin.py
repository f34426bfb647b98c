import csv
import io
import json
import os

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from applications.models import Status, Submission, SubmissionFile
from home.roles import APPLICATION_REVIEWERS
from tests.applications.conftest import PDF, assign, not_found
from tests.factories import ApplicationFormPageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(roles, form_page):
    """A reviewer of `form_page` only."""
    user = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    assign(form_page, user)
    return user


@pytest.fixture
def submission(submit):
    submit(full_name='=HYPERLINK("http://evil.example")', idea="<script>alert(1)</script>")
    return Submission.objects.get()


def list_url(page, **params):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_a_reviewer_accepts_a_submission_with_a_note_kept_in_the_history(
    client, reviewer, submission
):
    client.force_login(reviewer)
    url = reverse("applications_review", args=[submission.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()
    assert "<script>alert(1)</script>" not in page.content.decode()
    response = client.post(url, {"status": Status.ACCEPTED, "note": "الوثائق مكتملة."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.ACCEPTED
    assert submission.notes == "الوثائق مكتملة."
    events = list(submission.history.all())
    assert [(e.status, e.user) for e in events] == [
        (Status.RECEIVED, None),
        (Status.ACCEPTED, reviewer),
    ]
    assert events[1].note == "الوثائق مكتملة."


def test_saving_without_change_adds_nothing_to_the_history(client, reviewer, submission):
    client.force_login(reviewer)
    client.post(reverse("applications_review", args=[submission.pk]), {"status": Status.RECEIVED})
    assert submission.history.count() == 1


def test_reviewers_see_only_the_submissions_of_their_forms(
    client, reviewer, submission, forms_index, submit
):
    other_page = ApplicationFormPageFactory(parent=forms_index)
    submit(page=other_page)
    other = Submission.objects.get(page=other_page)
    client.force_login(reviewer)
    assert client.get(reverse("applications_review", args=[submission.pk])).status_code == 200
    # Another form's submission is not found, as if its number did not exist.
    assert not_found(client, client.get(reverse("applications_review", args=[other.pk])))
    posted = client.post(reverse("applications_review", args=[other.pk]), {"status": "rejected"})
    assert not_found(client, posted)
    other.refresh_from_db()
    assert other.status == Status.RECEIVED
    assert client.get(list_url(other_page)).status_code == 302


def test_the_list_is_filtered_by_status_and_links_to_each_review(
    client, reviewer, form_page, submit
):
    submit()
    submit(idea="فكرة ثانية")
    accepted, waiting = Submission.objects.order_by("pk")
    accepted.set_status(Status.ACCEPTED)
    client.force_login(reviewer)
    page = BeautifulSoup(client.get(list_url(form_page, status="accepted")).content, "html.parser")
    text = page.get_text()
    assert accepted.reference in text
    assert waiting.reference not in text
    link = page.find("a", string=accepted.reference)
    assert link["href"] == reverse("applications_review", args=[accepted.pk])


def test_the_list_is_filtered_by_date(client, reviewer, form_page, submission):
    client.force_login(reviewer)
    # The filter reads days on the site's clock (Damascus), not UTC.
    day = timezone.localdate(submission.submit_time)
    inside = client.get(list_url(form_page, date_from=day, date_to=day)).content.decode()
    before = client.get(list_url(form_page, date_to="2000-01-01")).content.decode()
    assert submission.reference in inside
    assert submission.reference not in before


def test_the_csv_export_has_the_reference_and_status_and_no_formula(
    client, reviewer, form_page, submission
):
    client.force_login(reviewer)
    response = client.get(list_url(form_page, export="csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, row = rows
    assert header[:2] == ["الرقم المرجعي", "الحالة"]
    assert row[0] == submission.reference
    assert row[1] == "مستلم"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert '\'=HYPERLINK("http://evil.example")' in row


def test_the_xlsx_export_has_no_formula(client, reviewer, form_page, submission):
    client.force_login(reviewer)
    response = client.get(list_url(form_page, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert submission.reference in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)
    assert '\'=HYPERLINK("http://evil.example")' in [c.value for c in cells]


class TestApplicantData:
    def test_an_editor_exports_one_applicants_data_by_reference(self, client, reviewer, submission):
        client.force_login(reviewer)
        response = client.get(
            reverse("applications_privacy"),
            {"reference": submission.reference.lower(), "export": "json"},
        )
        assert response["Content-Disposition"].endswith(f'{submission.reference}.json"')
        data = json.loads(response.content)
        assert data["reference"] == submission.reference
        assert data["email"] == "sara@example.org"
        assert data["answers"]["idea"] == "<script>alert(1)</script>"

    def test_an_editor_erases_one_applicants_data_with_the_files(self, client, reviewer, submit):
        submit(document=SimpleUploadedFile("a.pdf", PDF))
        submission = Submission.objects.get()
        path = SubmissionFile.objects.get().file.path
        client.force_login(reviewer)
        client.post(
            reverse("applications_privacy"), {"reference": submission.reference, "erase": "1"}
        )
        assert not Submission.objects.exists()
        assert not SubmissionFile.objects.exists()
        assert not os.path.exists(path)
        assert not os.path.exists(os.path.dirname(path)), "the folder named after the reference"

    def test_each_erasure_is_recorded_without_the_applicants_data(
        self, client, reviewer, submit, admin_user
    ):
        submit()
        submission = Submission.objects.get()
        client.force_login(reviewer)
        client.post(
            reverse("applications_privacy"), {"reference": submission.reference, "erase": "1"}
        )
        entry = ModelLogEntry.objects.get(action="applications.erase")
        assert (entry.user, entry.label) == (reviewer, submission.reference)
        assert entry.timestamp is not None
        assert "sara" not in json.dumps([entry.label, entry.data]).lower()
        # Administrators see it in the site history.
        client.force_login(admin_user)
        history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        assert submission.reference in history
        assert "حُذفت بيانات مقدّم الطلب" in history

    def test_an_applicant_who_lost_the_reference_is_found_by_email_address(
        self, client, reviewer, form_page, forms_index, submit
    ):
        submit()
        submit(email="sara@example.org", idea="طلب ثانٍ")
        other_page = ApplicationFormPageFactory(parent=forms_index)
        submit(page=other_page)
        mine = Submission.objects.filter(page=form_page).order_by("submit_time")
        other = Submission.objects.get(page=other_page)
        client.force_login(reviewer)

        found = client.get(reverse("applications_privacy"), {"reference": " SARA@example.org "})
        listed = found.content.decode().split('data-testid="sent-from"')[1]
        assert [s.reference in listed for s in mine] == [True, True]
        assert other.reference not in listed
        # Each links to the submission's own export and erasure.
        assert f'href="?reference={mine[0].reference}"' in listed

        unknown = client.get(reverse("applications_privacy"), {"reference": "nobody@example.org"})
        assert "لا يوجد طلب مُرسل من هذا العنوان" in unknown.content.decode()
        assert 'value="nobody@example.org"' in unknown.content.decode()

    def test_submissions_of_other_forms_cannot_be_found(
        self, client, reviewer, forms_index, submit
    ):
        other_page = ApplicationFormPageFactory(parent=forms_index)
        submit(page=other_page)
        other = Submission.objects.get()
        client.force_login(reviewer)
        response = client.post(
            reverse("applications_privacy"), {"reference": other.reference, "erase": "1"}
        )
        assert Submission.objects.filter(pk=other.pk).exists()
        assert "لا يوجد طلب" in response.content.decode()
