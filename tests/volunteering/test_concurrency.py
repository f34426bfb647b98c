"""Twenty volunteers sign up at the same moment for three places, a few double-clicking: three are
stored, the others are told the places are taken. CI runs this on PostgreSQL too."""

import threading

import pytest
from django.db import connection
from django.test import Client

from applications.forms import new_token
from applications.models import Submission
from tests.factories import (
    FormIndexPageFactory,
    VolunteeringIndexPageFactory,
    VolunteerOpportunityPageFactory,
)
from tests.volunteering.conftest import volunteer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VOLUNTEERS = 20
DOUBLE_CLICKS = 5
PLACES = 3


def test_concurrent_sign_ups_never_take_more_places_than_wanted(home, crowd):
    FormIndexPageFactory(parent=home)
    index = VolunteeringIndexPageFactory(parent=home)
    page = VolunteerOpportunityPageFactory(
        parent=index, volunteers_wanted=PLACES, slug="race", ends="2099-12-31"
    )
    tokens = [new_token(page.pk) for _ in range(VOLUNTEERS)]
    posts = [(n, token) for n, token in enumerate(tokens)]
    posts += [(n, tokens[n]) for n in range(DOUBLE_CLICKS)]
    barrier = threading.Barrier(len(posts))
    statuses, errors = [], []

    def post(n, token):
        try:
            client = Client(REMOTE_ADDR=f"10.1.0.{n}")
            barrier.wait(timeout=30)
            response = client.post(
                page.url, {"form_token": token, **volunteer(email=f"v{n}@example.org")}
            )
            statuses.append(response.status_code)
        except Exception as error:  # reported below, with the thread's own failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=args) for args in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Submission.objects.filter(page=page).count() == PLACES
    assert len({s.email for s in Submission.objects.all()}) == PLACES
    assert sorted(set(statuses)) == [200, 409]
    assert statuses.count(409) >= VOLUNTEERS - PLACES
