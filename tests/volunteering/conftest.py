import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from applications.models import Status
from home.roles import VOLUNTEER_COORDINATORS, setup_roles
from tests.factories import (
    FormIndexPageFactory,
    StaffUserFactory,
    VolunteeringIndexPageFactory,
    VolunteerOpportunityPageFactory,
)

# 2026-11-23, 09:00 UTC: inside the factories' opportunities (1 November 2026 to 30 April 2027).
NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture(autouse=True)
def emails_at_once(monkeypatch):
    """Tests run inside a transaction that never commits: send the emails at once instead."""
    monkeypatch.setattr("home.outbox.on_commit", lambda callback: callback())


@pytest.fixture
def index(home):
    FormIndexPageFactory(parent=home)
    return VolunteeringIndexPageFactory(parent=home)


@pytest.fixture
def opportunity(index):
    return VolunteerOpportunityPageFactory(parent=index, title="موقع لجمعية المسنين", slug="site")


def token_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("input", {"name": "form_token"})["value"]


def volunteer(**overrides):
    data = {
        "full_name": "ليلى عبد الرحمن",
        "email": "layla@example.org",
        "phone": "0933 123 456",
        "experience": "بنيت مواقع لثلاث جمعيات.",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def sign_up(client):
    """Open the opportunity (for its form's token) and sign up, as a browser does."""

    def send(page, **data):
        token = token_of(client.get(page.url))
        return client.post(page.url, {"form_token": token, **volunteer(**data)})

    return send


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def coordinator(home):
    setup_roles()
    return StaffUserFactory(username="munassiq", groups=[VOLUNTEER_COORDINATORS])


def name(page, *coordinators):
    """What an editor does: tick the coordinators on the opportunity and publish it."""
    page.coordinators.add(*coordinators)
    page.save_revision().publish()


def accept(submission):
    submission.set_status(Status.ACCEPTED)
    return submission
