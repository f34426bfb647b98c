"""Fifty people registering at the same moment for thirty places: exactly thirty get a place and
twenty wait, in the order their registrations were stored. Run on SQLite and on PostgreSQL
(DATABASE_URL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from applications.forms import new_token
from applications.models import Registration, Seats, Submission
from tests.applications.conftest import answers
from tests.factories import (
    ApplicationFormPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FormIndexPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 50
PLACES = 30


@pytest.fixture
def patient_sqlite(monkeypatch):
    """SQLite lets one writer in at a time: on a loaded machine fifty of them may queue longer
    than the site's 30 seconds, which would test the machine, not the places."""
    if connection.vendor == "sqlite":
        monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 300)


def test_fifty_registrations_for_thirty_places_give_thirty_places_and_twenty_waiting(
    home, patient_sqlite, crowd
):
    page = ApplicationFormPageFactory(parent=FormIndexPageFactory(parent=home), slug="register")
    starts = timezone.now() + datetime.timedelta(days=5)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        registration_page=page,
        capacity=PLACES,
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
    )
    tokens = [new_token(page.pk) for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    statuses, errors = [], []

    def post(n):
        try:
            client = Client(REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}")
            barrier.wait(timeout=30)
            response = client.post(
                page.url,
                {"form_token": tokens[n], **answers(email=f"p{n}@example.org")},
            )
            statuses.append(response.status_code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [200] * PEOPLE
    assert Submission.objects.count() == PEOPLE
    registrations = list(Registration.objects.order_by("pk"))
    states = [r.state for r in registrations]
    assert states.count("confirmed") == PLACES
    assert states.count("waiting") == PEOPLE - PLACES
    # Places went to the first thirty stored, the waiting list follows in order.
    assert states == ["confirmed"] * PLACES + ["waiting"] * (PEOPLE - PLACES)
    assert Seats.objects.get(event_key=event.translation_key).taken == PLACES
