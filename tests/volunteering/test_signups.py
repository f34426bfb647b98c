"""A volunteer signs up on an opportunity: once, while places are left, before its end."""

import datetime

import pytest
from wagtail.models import Locale

from applications.models import Status, Submission
from home.outbox import OutgoingEmail
from tests.factories import VolunteerOpportunityPageFactory
from tests.volunteering.conftest import text_of, token_of, volunteer

pytestmark = pytest.mark.django_db


def test_a_sign_up_is_stored_with_a_reference_and_a_confirmation_email(opportunity, sign_up):
    response = sign_up(opportunity)

    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.page.pk == opportunity.pk
    assert submission.reference.startswith("TMK-2026-")
    assert submission.reference in text_of(response)
    assert submission.email == "layla@example.org"
    assert submission.form_data["full_name"] == "ليلى عبد الرحمن"
    assert submission.status == Status.RECEIVED
    confirmation = OutgoingEmail.objects.get(recipient="layla@example.org")
    assert confirmation.purpose == "applications.confirmation"


def test_the_opportunity_shows_its_places_left(opportunity, sign_up, client):
    sign_up(opportunity)
    page = text_of(client.get(opportunity.url))
    assert "بقي مكانان من 3" in page


def test_signing_up_twice_with_one_address_is_refused_and_keeps_what_was_typed(
    opportunity, sign_up
):
    sign_up(opportunity)
    response = sign_up(opportunity, email="LAYLA@example.org ", experience="نص جديد")

    assert response.status_code == 409
    assert "سبق أن سجّلت في هذه الفرصة" in text_of(response)
    assert "نص جديد" in response.content.decode()
    assert Submission.objects.count() == 1


def test_a_double_click_stores_one_sign_up(opportunity, client):
    token = token_of(client.get(opportunity.url))
    first = client.post(opportunity.url, {"form_token": token, **volunteer()})
    second = client.post(opportunity.url, {"form_token": token, **volunteer()})

    assert first.status_code == second.status_code == 200
    reference = Submission.objects.get().reference
    assert reference in text_of(first) and reference in text_of(second)


def test_no_place_left_hides_the_form_and_refuses_a_late_post(index, sign_up, client):
    page = VolunteerOpportunityPageFactory(parent=index, volunteers_wanted=1)
    token = token_of(client.get(page.url))
    sign_up(page, email="first@example.org")

    shown = client.get(page.url)
    assert 'name="form_token"' not in shown.content.decode()
    assert "لم يبقَ مكان" in text_of(shown)
    late = client.post(page.url, {"form_token": token, **volunteer(email="late@example.org")})
    assert late.status_code == 409
    assert "شُغلت جميع أماكن هذه الفرصة" in text_of(late)
    assert "late@example.org" in late.content.decode()
    assert Submission.objects.count() == 1


def test_a_rejected_or_withdrawn_sign_up_gives_its_place_back(index, sign_up):
    page = VolunteerOpportunityPageFactory(parent=index, volunteers_wanted=1)
    sign_up(page, email="first@example.org")
    Submission.objects.get().set_status(Status.WITHDRAWN)

    assert sign_up(page, email="second@example.org").status_code == 200
    assert Submission.objects.filter(status=Status.RECEIVED).count() == 1


def test_no_sign_up_after_the_end(index, client):
    page = VolunteerOpportunityPageFactory(parent=index, ends=datetime.date(2026, 11, 22))
    shown = client.get(page.url)
    assert 'name="form_token"' not in shown.content.decode()
    assert "انتهت هذه الفرصة" in text_of(shown)

    response = client.post(page.url, {"form_token": "x", **volunteer()})
    assert response.status_code == 403
    assert Submission.objects.count() == 0


def test_on_its_last_day_the_opportunity_still_takes_sign_ups(index, sign_up):
    page = VolunteerOpportunityPageFactory(parent=index, ends=datetime.date(2026, 11, 23))
    assert sign_up(page).status_code == 200
    assert Submission.objects.count() == 1


def test_missing_and_malformed_answers_are_explained_and_kept(opportunity, sign_up):
    response = sign_up(opportunity, full_name="", email="layla@", consent=None)

    assert response.status_code == 200
    text = text_of(response)
    assert "هناك مشكلة" in text
    assert "layla@" in response.content.decode()
    assert "بنيت مواقع لثلاث جمعيات." in response.content.decode()
    assert Submission.objects.count() == 0


def test_sign_ups_in_every_language_share_the_places(opportunity, english_home, sign_up, client):
    english = Locale.objects.get(language_code="en")
    index_en = opportunity.get_parent().copy_for_translation(english)
    index_en.save_revision().publish()
    translation = opportunity.copy_for_translation(english)
    translation.save_revision().publish()
    opportunity.volunteers_wanted = 2
    opportunity.save_revision().publish()
    translation.volunteers_wanted = 2
    translation.save_revision().publish()

    token = token_of(client.get(opportunity.url))
    sign_up(opportunity, email="a@example.org")
    assert sign_up(translation, email="b@example.org").status_code == 200
    full = client.post(opportunity.url, {"form_token": token, **volunteer(email="c@example.org")})
    assert full.status_code == 409
    assert Submission.objects.count() == 2


def test_one_address_cannot_sign_up_again_through_another_language(
    opportunity, english_home, sign_up
):
    english = Locale.objects.get(language_code="en")
    opportunity.get_parent().copy_for_translation(english).save_revision().publish()
    translation = opportunity.copy_for_translation(english)
    translation.save_revision().publish()

    sign_up(opportunity)
    assert sign_up(translation).status_code == 409
    assert Submission.objects.count() == 1
