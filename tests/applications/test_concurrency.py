"""Fifty applicants sending at the same moment, some double-clicking: each submission is stored
exactly once, with a unique reference; senders racing for the same emails each claim another.
CI runs this on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client

from applications.forms import new_token, read_token
from applications.models import Submission
from home.outbox import OutgoingEmail, claim
from tests.applications.conftest import answers
from tests.factories import ApplicationFormPageFactory, FormIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPLICANTS = 50
DOUBLE_CLICKS = 10


def test_concurrent_submissions_are_each_stored_once_with_unique_references(home, crowd):
    page = ApplicationFormPageFactory(parent=FormIndexPageFactory(parent=home), slug="apply")
    tokens = [new_token(page.pk) for _ in range(APPLICANTS)]
    # The first applicants click twice: their second post races the first.
    posts = [(n, token) for n, token in enumerate(tokens)]
    posts += [(n, tokens[n]) for n in range(DOUBLE_CLICKS)]
    barrier = threading.Barrier(len(posts))
    statuses, errors = [], []

    def post(n, token):
        try:
            client = Client(REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
            barrier.wait(timeout=30)
            response = client.post(
                page.url, {"form_token": token, **answers(full_name=f"مقدم الطلب {n}")}
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
    assert statuses == [200] * len(posts)
    submissions = list(Submission.objects.all())
    assert len(submissions) == APPLICANTS
    assert len({s.reference for s in submissions}) == APPLICANTS
    assert sorted(s.token for s in submissions) == sorted(read_token(t, page.pk) for t in tokens)
    assert sorted(s.form_data["full_name"] for s in submissions) == sorted(
        f"مقدم الطلب {n}" for n in range(APPLICANTS)
    )
    numbers = sorted(int(s.reference.rsplit("-", 1)[1]) for s in submissions)
    assert numbers == list(range(numbers[0], numbers[0] + APPLICANTS))


def test_senders_claiming_the_same_emails_at_once_each_get_a_different_one(home, crowd):
    # A worker and the cron command (or two workers) reach the same submission's emails at once:
    # each email is claimed, and so sent, by one of them only.
    page = ApplicationFormPageFactory(parent=FormIndexPageFactory(parent=home), slug="apply")
    Client().post(page.url, {"form_token": new_token(page.pk), **answers()})
    emails = list(OutgoingEmail.objects.filter(state="sent").values_list("pk", flat=True))
    assert len(emails) == 2
    OutgoingEmail.objects.update(state="pending", attempts=0)
    senders = 8
    barrier = threading.Barrier(senders)
    claimed, errors = [], []

    def send(number):
        try:
            # Half of them read the rows first, as a task does with its emails.
            known = OutgoingEmail.objects.in_bulk(emails) if number % 2 else {}
            barrier.wait(timeout=30)
            claimed.extend(
                email.pk for pk in emails if (email := claim(pk, known.get(pk))) is not None
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(claimed) == sorted(emails)
    assert set(OutgoingEmail.objects.values_list("state", "attempts")) == {("sending", 1)}
