"""An event's registration form is on the event page itself and registers on the form page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from applications.models import ApplicationFormPage
from tests.applications.conftest import answers, token_of
from tests.factories import ApplicationFormPageFactory, EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_the_event_page_embeds_its_registration_form(client, home, form_page):
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=events, registration_page=form_page)
    response = client.get(event.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".event-actions a.button")["href"] == "#registration"
    form = soup.select_one("#registration form")
    assert form["action"] == form_page.url
    assert form.find("input", {"name": "full_name"}) is not None
    token = token_of(response)
    sent = client.post(form["action"], {"form_token": token, **answers()})
    assert sent.status_code == 200
    assert "TMK-" in sent.content.decode()
    assert (
        ApplicationFormPage.objects.get(pk=form_page.pk).get_submission_class().objects.count() == 1
    )


def test_a_past_event_shows_no_registration_form(client, home, form_page):
    events = EventIndexPageFactory(parent=home)
    starts = timezone.now() - datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=events,
        registration_page=form_page,
        starts=starts,
        ends=starts + datetime.timedelta(hours=2),
    )
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert soup.select_one("#registration") is None


def test_a_draft_with_another_registration_form_shows_it_in_its_preview_only(
    client, home, form_page, forms_index
):
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=events, registration_page=form_page)

    def action(html):
        return BeautifulSoup(html, "html.parser").select_one("#registration form")["action"]

    assert action(client.get(event.url).content) == form_page.url
    other = ApplicationFormPageFactory(parent=forms_index, slug="workshop-seats")
    draft = type(event).objects.get(pk=event.pk)
    draft.registration_page = other
    assert action(draft.make_preview_request().content) == other.url
    assert action(client.get(event.url).content) == form_page.url
