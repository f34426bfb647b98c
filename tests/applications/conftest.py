import datetime
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from home.roles import setup_roles
from tests.factories import ApplicationFormPageFactory, FormIndexPageFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads go to a fresh private folder, apart from the public media folder."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


@pytest.fixture(autouse=True)
def emails_at_once(monkeypatch):
    """Tests run inside a transaction that never commits: send the emails a submission or a
    status change queues on commit at once instead."""
    monkeypatch.setattr("home.outbox.on_commit", lambda callback: callback())


@pytest.fixture
def today(monkeypatch):
    moment = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment.date()


@pytest.fixture
def forms_index(home):
    return FormIndexPageFactory(parent=home)


@pytest.fixture
def form_page(forms_index):
    return ApplicationFormPageFactory(parent=forms_index, title="طلب انضمام", slug="apply")


def token_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("input", {"name": "form_token"})["value"]


def answers(**overrides):
    data = {
        "full_name": "سارة الأحمد",
        "email": "sara@example.org",
        "phone": "0933 123 456",
        "members": "7",
        "idea": "منصة لتنسيق المتطوعين.",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def submit(client, form_page):
    """Open the form (for its token) and send it, as a browser does."""

    def send(page=None, **data):
        page = page or form_page
        token = token_of(client.get(page.url))
        return client.post(page.url, {"form_token": token, **answers(**data)})

    return send


@pytest.fixture
def roles(home):
    setup_roles()


def assign(page, *users):
    """What an editor does: tick the reviewers on the form page and publish it."""
    page.reviewers.add(*users)
    page.save_revision().publish()


def list_url(page, query=""):
    return reverse("wagtailforms:list_submissions", args=[page.pk]) + query


def not_found(client, response):
    """An admin address answered "not found": the site's language middleware first sends an
    unknown address to its Arabic twin (/ar/admin/…), which is not found either."""
    if response.status_code == 302 and "/admin/" in response["Location"]:
        response = client.get(response["Location"])
    return response.status_code == 404


def review_url(submission):
    return reverse("applications_review", args=[submission.pk])


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def status_url(forms_index):
    return forms_index.url + "status/"


def result_of(response):
    result = BeautifulSoup(response.content, "html.parser").find(
        attrs={"data-testid": "status-result"}
    )
    return result.get_text(" ", strip=True) if result else None
