"""Save and finish later: a draft keeps the answers and the files, its emailed link opens it on any
device for 30 days, sending it makes one submission, and its link then says it was sent."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.access import reviewable_submissions
from applications.models import Draft, DraftFile, Submission, SubmissionFile
from tests.applications.conftest import PDF, answers, list_url, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_form(form_page):
    form_page.allow_drafts = True
    form_page.save_revision().publish()
    return form_page


def save(client, page, files=None, **data):
    token = token_of(client.get(page.url))
    payload = {"form_token": token, "save_draft": "1", **data}
    if files:
        payload.update(files)
    return client.post(page.url, payload)


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def draft_link():
    [message] = [m for m in mail.outbox if "مسودتك" in m.subject]
    url = re.search(r"https?://\S+\?draft=\S+", message.body).group(0)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def pdf(name="النظام الداخلي.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_save_button_shows_only_on_forms_that_allow_drafts(client, form_page):
    soup = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    assert soup.find("button", {"name": "save_draft"}) is None
    form_page.allow_drafts = True
    form_page.save_revision().publish()
    soup = BeautifulSoup(client.get(form_page.url).content, "html.parser")
    assert soup.find("button", {"name": "save_draft"}).get_text(strip=True) == "احفظ وأكمل لاحقًا"


def test_a_draft_keeps_answers_and_file_and_finishes_on_another_device(
    client, long_form, private_media
):
    response = save(
        client,
        long_form,
        files={"document": pdf()},
        full_name="سارة الأحمد",
        email="sara@example.org",
        idea="منصة",
    )
    assert response.status_code == 200
    assert "حُفظت مسودتك" in text(response)
    assert Submission.objects.count() == 0
    draft = Draft.objects.get()
    stored = DraftFile.objects.get(draft=draft)
    # Private storage, never the public media folder.
    assert str(private_media) in stored.file.path
    link = draft_link()

    other_device = Client()
    opened = other_device.get(link)
    soup = BeautifulSoup(opened.content, "html.parser")
    assert soup.find("input", {"name": "full_name"})["value"] == "سارة الأحمد"
    assert soup.find("textarea", {"name": "idea"}).get_text().strip() == "منصة"
    assert "النظام-الداخلي.pdf" in soup.select_one("[data-testid=kept-file]").get_text()
    draft_token = soup.find("input", {"name": "draft"})["value"]

    sent = other_device.post(
        long_form.url,
        {
            "form_token": token_of(opened),
            "draft": draft_token,
            **answers(full_name="سارة الأحمد", email="sara@example.org"),
        },
    )
    assert sent.status_code == 200
    submission = Submission.objects.get()
    assert re.search(submission.reference, text(sent))
    assert SubmissionFile.objects.get(submission=submission).file.read() == PDF
    draft.refresh_from_db()
    assert draft.submission == submission and draft.form_data == {}
    assert DraftFile.objects.count() == 0
    assert not stored.file.storage.exists(stored.file.name)


def test_a_draft_link_used_after_submission_says_so(client, long_form):
    save(client, long_form, full_name="سارة", email="sara@example.org")
    link = draft_link()
    opened = client.get(link)
    data = {
        "form_token": token_of(opened),
        "draft": BeautifulSoup(opened.content, "html.parser").find("input", {"name": "draft"})[
            "value"
        ],
        **answers(email="sara@example.org"),
    }
    client.post(long_form.url, data)
    reference = Submission.objects.get().reference
    again = client.get(link)
    assert "أُرسلت هذه المسودة من قبل" in text(again)
    assert reference in text(again)
    assert BeautifulSoup(again.content, "html.parser").find("form", class_="app-form") is None
    # Sending the same draft again from another tab stores nothing new.
    data["form_token"] = token_of(client.get(long_form.url))
    client.post(long_form.url, data)
    assert Submission.objects.count() == 1


def test_saving_a_draft_needs_an_email_and_keeps_what_was_typed(client, long_form):
    response = save(client, long_form, full_name="سارة الأحمد", email="sara@")
    assert Draft.objects.count() == 0
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select(".error-summary li")
    assert len(errors) == 1 and "البريد الإلكتروني" in errors[0].get_text()
    assert soup.find("input", {"name": "full_name"})["value"] == "سارة الأحمد"
    response = save(client, long_form, full_name="سارة الأحمد")
    assert "اكتب بريدك الإلكتروني لنرسل إليك رابط المسودة" in text(response)


def test_a_forged_draft_link_is_refused_clearly(client, long_form):
    save(client, long_form, full_name="سارة", email="sara@example.org")
    forged = draft_link()[:-4] + "abcd"
    response = client.get(forged)
    assert "رابط المسودة هذا غير صالح" in text(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "full_name"}).get("value") is None


def test_a_draft_link_expires_after_30_days_and_the_draft_is_purged(client, long_form, monkeypatch):
    save(client, long_form, files={"document": pdf()}, email="sara@example.org")
    link = draft_link()
    stored = DraftFile.objects.get()
    later = timezone.now() + datetime.timedelta(days=30, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "انتهت صلاحية رابط المسودة" in text(client.get(link))
    call_command("purge_drafts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Draft.objects.count() == 0
    assert not stored.file.storage.exists(stored.file.name)


def test_drafts_are_never_shown_to_reviewers_or_exported(client, long_form, admin_user):
    save(client, long_form, full_name="مسودة سرية", email="sara@example.org")
    assert reviewable_submissions(admin_user).count() == 0
    client.force_login(admin_user)
    listing = client.get(list_url(long_form))
    assert "مسودة سرية" not in listing.content.decode()
    export = client.get(list_url(long_form, "?export=csv"))
    assert "مسودة سرية" not in b"".join(export.streaming_content).decode("utf-8-sig")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
