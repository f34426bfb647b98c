"""A translated snippet waits for a moderator as a translated page does: the translator submits
it, visitors keep seeing what was live, and a moderator's approval puts the translation live."""

import html

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Locale, WorkflowContentType

from home import roles
from programmes.models import EligibilityCriterion, ProgrammePage, localized
from tests.factories import EligibilityCriterionFactory, ProgrammePageFactory
from tests.home.test_translating import refused, snippet_edit, translate, type_translations

pytestmark = pytest.mark.django_db


def translate_text(translation, text):
    """What a translator types for the criterion's text (and its other sentences)."""
    type_translations(translation, text=text)


@pytest.fixture
def publishes(django_capture_on_commit_callbacks):
    """wagtail-localize publishes once the transaction commits, which a test's never does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def english_programme(programmes, english_programmes, publishes):
    """An Arabic programme with one criterion, and its live English translation."""
    criterion = EligibilityCriterionFactory(text="أن تكون الجمعية مسجلة")
    arabic = ProgrammePageFactory(parent=programmes, criteria=[criterion])
    with publishes():
        translation = translate(criterion, publish=True)
        translate(arabic, publish=True)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    return english, criterion, translation


def approve(client, obj):
    state = obj.current_workflow_task_state
    name = f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:workflow_action"
    return client.post(reverse(name, args=[obj.pk, "approve", state.pk]), {})


def test_a_translators_change_stays_off_the_site_until_a_moderator_approves_it(
    client, staff, english_programme, publishes
):
    english_page, arabic, translation = english_programme
    translate_text(translation, "The association is registered")
    with publishes():  # the translation as a moderator published it earlier
        translation.save_target(publish=True)
    english = arabic.get_translation(Locale.objects.get(language_code="en"))
    assert "The association is registered" in client.get(english_page.url).content.decode()

    staff(client, roles.TRANSLATORS)
    translate_text(translation, "The association has been registered for two years")
    editor = client.get(snippet_edit(english)).content.decode()
    submit = reverse("translation_submit", args=[translation.pk])
    assert f'action="{submit}"' in editor
    assert client.post(submit).status_code == 302

    english.refresh_from_db()
    assert english.live and english.has_unpublished_changes
    assert english.text == "The association is registered"
    assert english.current_workflow_state.status == "in_progress"
    page = client.get(english_page.url).content.decode()
    assert "The association is registered" in page
    assert "for two years" not in page

    client.logout()
    staff(client, roles.MODERATORS)
    assert approve(client, english).status_code == 302
    english.refresh_from_db()
    assert english.text == "The association has been registered for two years"
    assert not english.has_unpublished_changes
    client.logout()
    assert "for two years" in client.get(english_page.url).content.decode()


def test_a_first_translation_waiting_for_approval_leaves_the_source_on_the_page(
    client, staff, english_programme
):
    english_page, arabic, _published = english_programme
    french_locale = Locale.objects.get(language_code="fr")
    translation = translate(arabic, locale="fr", publish=False)
    translate_text(translation, "L'association est enregistrée")
    staff(client, roles.TRANSLATORS)
    client.post(reverse("translation_submit", args=[translation.pk]))
    french = arabic.get_translation(french_locale)
    assert not french.live
    assert french.current_workflow_state.status == "in_progress"

    assert localized([arabic], french_locale.pk) == [arabic]
    client.logout()
    staff(client, roles.MODERATORS)
    approve(client, french)
    assert localized([arabic], french_locale.pk)[0].text == "L'association est enregistrée"


def test_a_translator_may_not_publish_a_snippet_translation(client, staff, english_programme):
    _page, arabic, translation = english_programme
    translate_text(translation, "Changed without approval")
    english = arabic.get_translation(Locale.objects.get(language_code="en"))
    staff(client, roles.TRANSLATORS)
    assert refused(client.post(snippet_edit(english), {"action": "publish"}))
    english.refresh_from_db()
    assert english.text != "Changed without approval"


def test_a_moderator_is_offered_publish_not_submission(client, staff, english_programme):
    _page, arabic, translation = english_programme
    english = arabic.get_translation(Locale.objects.get(language_code="en"))
    staff(client, roles.MODERATORS)
    editor = html.unescape(client.get(snippet_edit(english)).content.decode())
    assert reverse("translation_submit", args=[translation.pk]) not in editor
    assert '"canPublish": true' in editor


def test_every_translatable_snippet_is_moderated(groups):
    workflow = roles.moderation_workflow()
    moderators = set(groups[roles.MODERATORS].permissions.values_list("codename", flat=True))
    translators = set(groups[roles.TRANSLATORS].permissions.values_list("codename", flat=True))
    assert EligibilityCriterion in roles.moderated_snippets()
    for model in roles.translatable_snippets():
        assert model in roles.moderated_snippets()
        content_type = ContentType.objects.get_for_model(model)
        assert WorkflowContentType.objects.get(content_type=content_type).workflow == workflow
        assert f"publish_{model._meta.model_name}" in moderators
        assert f"publish_{model._meta.model_name}" not in translators
