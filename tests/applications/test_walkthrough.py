"""The issue's "Done when", tried as a new user would: an applicant applies to an open programme
with a document, an editor accepts the application and exports the list, the applicant sees
"accepted", and a closed programme refuses."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from applications.models import Status, Submission, SubmissionFile
from home.roles import APPLICATION_REVIEWERS
from tests.applications.conftest import (
    PDF,
    answers,
    assign,
    body,
    list_url,
    result_of,
    review_url,
)
from tests.factories import (
    ApplicationFormPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(home):
    return ProgrammeIndexPageFactory(parent=home)


def programme_form(programmes, opens, closes):
    programme = ProgrammePageFactory(parent=programmes, opens=opens, closes=closes)
    return ApplicationFormPageFactory(parent=programme, title="طلب الانضمام إلى الحاضنة")


def test_an_application_from_the_form_to_accepted(
    client, submit, programmes, forms_index, status_url, roles, today, private_media
):
    form = programme_form(programmes, today - datetime.timedelta(days=10), today)

    # The applicant applies with the association's statutes and gets a reference and an email.
    document = SimpleUploadedFile("النظام الأساسي.pdf", PDF, content_type="application/pdf")
    confirmation = BeautifulSoup(submit(page=form, document=document).content, "html.parser")
    reference = confirmation.find(attrs={"data-testid": "reference"}).get_text(strip=True)
    submission = Submission.objects.get(reference=reference)
    assert submission.page_id == form.pk
    to_applicant = [m for m in mail.outbox if m.to == ["sara@example.org"]]
    assert len(to_applicant) == 1
    assert reference in to_applicant[0].subject
    assert reference in to_applicant[0].body

    # An editor who reviews this form opens the submission, accepts it and exports the list.
    editor = Client()
    reviewer = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    assign(form, reviewer)
    editor.force_login(reviewer)
    listing = BeautifulSoup(editor.get(list_url(form)).content, "html.parser")
    assert listing.find("a", string=reference)["href"] == review_url(submission)
    review = BeautifulSoup(editor.get(review_url(submission)).content, "html.parser")
    download = review.find("a", string="النظام-الأساسي.pdf")["href"]
    assert body(editor.get(download)) == PDF
    editor.post(review_url(submission), {"status": Status.ACCEPTED, "note": "الوثائق مكتملة."})

    rows = list(csv.reader(io.StringIO(body(editor.get(list_url(form, "?export=csv"))).decode())))
    assert rows[1][:2] == [reference, "مقبول"]
    sheet = load_workbook(io.BytesIO(body(editor.get(list_url(form, "?export=xlsx"))))).active
    assert [cell.value for cell in sheet[2]][:2] == [reference, "مقبول"]

    # The applicant checks the status with the reference and the email.
    checked = client.post(status_url, {"reference": reference, "email": "sara@example.org"})
    assert "مقبول" in result_of(checked)


def test_a_closed_programme_refuses_and_stores_nothing(client, programmes, today, private_media):
    form = programme_form(
        programmes, today - datetime.timedelta(days=30), today - datetime.timedelta(days=1)
    )
    page = BeautifulSoup(client.get(form.url).content, "html.parser")
    assert page.find("form", class_="app-form") is None

    document = SimpleUploadedFile("النظام الأساسي.pdf", PDF, content_type="application/pdf")
    refused = client.post(form.url, {**answers(), "document": document})
    assert refused.status_code == 403
    notice = BeautifulSoup(refused.content, "html.parser").select_one(".app-closed")
    assert "هذه الاستمارة مغلقة." in notice.get_text()
    assert "كان آخر موعد للتقديم" in notice.get_text()
    assert not Submission.objects.exists()
    assert not SubmissionFile.objects.exists()
    assert not mail.outbox
    assert not private_media.exists() or not any(private_media.rglob("*.pdf"))
