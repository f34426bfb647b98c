"""The staff's demo work: `make run` leaves a page sent to translation, half translated, on the
translator's dashboard (and nothing else translated on the way), and a change submitted for
moderation on the moderator's."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from news.models import NewsCategory

pytestmark = pytest.mark.django_db


def test_the_translator_finds_a_translation_to_finish(client, demo):
    translator = get_user_model().objects.get(username="translator")
    client.force_login(translator)
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    rows = [
        row.get_text(" ", strip=True)
        for row in dashboard.select('[data-testid="unfinished_translations"] tbody tr')
    ]
    assert rows == [
        "Three youth teams win the digital services hackathon for associations"
        " English: بقيت جملتان للترجمة"
    ]
    english = Page.objects.get(slug="hackathon-winners", locale__language_code="en")
    assert not english.live
    link = dashboard.select_one('[data-testid="unfinished_translations"] a')["href"]
    assert link == f"/admin/pages/{english.pk}/edit/"
    assert client.get(link).status_code == 200

    translated = StringTranslation.objects.filter(locale__language_code="en")
    assert set(translated.values_list("last_translated_by__username", flat=True)) == {"translator"}


def test_the_demo_translation_is_of_the_page_alone(demo):
    assert Translation.objects.filter(source__object_repr__contains="هاكاثون").count() == 1
    english_categories = NewsCategory.objects.filter(locale__language_code="en")
    assert not english_categories.filter(name__regex=r"[\u0600-\u06ff]").exists()


def test_the_moderator_finds_a_change_waiting_for_approval(client, demo):
    tour = Page.objects.get(slug="rural-associations-tour", locale__language_code="ar").specific
    state = WorkflowState.objects.active().for_instance(tour).get()
    assert state.requested_by.username == "news-editor"
    # Live, the page still says what it said; the change waits in its latest revision.
    assert "أرياف حمص" not in tour.summary
    assert "أرياف حمص" in tour.get_latest_revision_as_object().summary

    moderator = get_user_model().objects.get(username="moderator")
    client.force_login(moderator)
    # Moderators sign in in two steps.
    session = client.session
    device = TOTPDevice.objects.create(user=moderator, name="app", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    awaiting = dashboard.select_one("#awaiting-review-section")
    assert awaiting is not None and tour.title in awaiting.get_text(" ", strip=True)
    assert "عمر الحلبي" in awaiting.get_text(" ", strip=True)
