"""A translator translates pages and snippets into English and French, submits pages to the
moderators, and never changes an Arabic source."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home import roles
from programmes.models import ProgrammePage
from tests.factories import EligibilityCriterionFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


def snippet_edit(obj):
    return reverse(
        f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit", args=[obj.pk]
    )


def refused(response):
    """The admin sends whoever it refuses back to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def translate(obj, locale="en", publish=False):
    """Start a synced translation of `obj`, as "Translate" in the admin does."""
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=locale)
    )
    translation.save_target(publish=publish)
    return translation


def type_translations(translation, leave=(), **texts):
    """What a translator types in the translation editor: `texts` by the sentence's field, and
    a stand-in for every other sentence but those of the fields in `leave`."""
    language = translation.target_locale.language_code
    segments = translation.source.stringsegment_set.select_related("string", "context")
    for segment in segments.exclude(context__path__in=leave):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": texts.get(segment.context.path, f"({language}) {segment.string.data}")
            },
        )


def test_a_translator_translates_a_criterion_but_is_refused_its_arabic_source(client, staff):
    arabic = EligibilityCriterionFactory(text="أن تكون الجمعية مسجلة")
    translate(arabic, publish=True)
    english = arabic.get_translation(Locale.objects.get(language_code="en"))
    staff(client, roles.TRANSLATORS)

    response = client.get(snippet_edit(english))
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content

    assert refused(client.get(snippet_edit(arabic)))
    assert refused(client.post(snippet_edit(arabic), {"text": "changed", "kind": "required"}))
    arabic.refresh_from_db()
    assert arabic.text == "أن تكون الجمعية مسجلة"


def test_editors_still_edit_arabic_criteria(client, staff):
    arabic = EligibilityCriterionFactory()
    staff(client, roles.SECTIONS["programmes"].editors, roles.TRANSLATORS)
    assert client.get(snippet_edit(arabic)).status_code == 200


def test_translators_may_change_every_translatable_snippet(groups):
    translators = groups[roles.TRANSLATORS]
    codenames = set(translators.permissions.values_list("codename", flat=True))
    for model in roles.translatable_snippets():
        assert f"change_{model._meta.model_name}" in codenames
        assert f"delete_{model._meta.model_name}" not in codenames


def test_a_translator_submits_a_page_for_moderation_and_a_moderator_publishes_it(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    type_translations(translation, title="Incubation track")

    staff(client, roles.TRANSLATORS)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    submit = reverse("translation_submit", args=[translation.pk])
    assert f'action="{submit}"' in editor.content.decode()
    response = client.post(submit)
    assert response.status_code == 302
    english.refresh_from_db()
    assert not english.live
    assert english.current_workflow_state.status == "in_progress"

    client.logout()
    staff(client, roles.MODERATORS)
    state = english.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "approve", state.pk])
    assert client.post(url, {}).status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "Incubation track"


def test_a_live_translation_submitted_again_stays_as_it_was_until_approved(
    client, staff, programmes, english_programmes, django_capture_on_commit_callbacks
):
    """wagtail-localize writes a page's translation into its row before saving the revision:
    for a live page, the new text went public on submission, before a moderator had seen it."""
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    type_translations(translation, title="Incubation track")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    assert english.live and english.title == "Incubation track"

    type_translations(translation, title="Incubator track")
    staff(client, roles.TRANSLATORS)
    submitted = client.post(reverse("translation_submit", args=[translation.pk]), follow=True)
    # Pages are approved by moderators (المشرفون); reviewers (المراجعون) read applications.
    assert "وسينشرها أحد المشرفين" in submitted.content.decode()

    client.logout()
    visitor = client.get(english.url)
    assert "Incubation track" in visitor.content.decode()
    assert "Incubator track" not in visitor.content.decode()
    english.refresh_from_db()
    assert english.live and english.title == "Incubation track"
    assert english.has_unpublished_changes and english.draft_title == "Incubator track"
    assert english.current_workflow_state.status == "in_progress"

    staff(client, roles.MODERATORS)
    state = english.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "approve", state.pk])
    assert client.post(url, {}).status_code == 302
    english.refresh_from_db()
    assert english.title == "Incubator track" and not english.has_unpublished_changes


def test_a_translation_with_sentences_left_untranslated_is_not_submitted(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان", summary="ملخص المسار")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    type_translations(translation, leave=["summary"], title="Incubation track")
    translator = staff(client, roles.TRANSLATORS)
    UserProfile.objects.update_or_create(user=translator, defaults={"preferred_language": "ar"})
    submit = reverse("translation_submit", args=[translation.pk])

    response = client.post(submit, follow=True)
    assert "بقيت جملة واحدة دون ترجمة" in response.content.decode()
    english.refresh_from_db()
    assert english.current_workflow_state is None and not english.live
    # What was typed is kept: once the last sentence is translated, the same button submits it.
    assert english.title != "Incubation track"
    type_translations(translation, title="Incubation track", summary="The track in brief")
    client.post(submit)
    english.refresh_from_db()
    assert english.current_workflow_state.status == "in_progress"
    assert english.title == "Incubation track"


def test_a_moderator_publishes_from_the_editor_and_is_not_offered_submission(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes)
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    staff(client, roles.MODERATORS)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    submit = reverse("translation_submit", args=[translation.pk])
    assert editor.status_code == 200 and submit not in editor.content.decode()


def test_a_translator_cannot_turn_a_translation_into_an_alias_of_its_arabic_source(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    convert = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    staff(client, roles.TRANSLATORS)

    assert refused(client.get(convert))
    assert refused(client.post(convert))
    english.refresh_from_db()
    assert english.alias_of_id is None and not english.live
    assert Translation.objects.filter(pk=translation.pk).exists()

    # Once the translation is stopped, the page editor's menu offers the conversion too.
    translation.enabled = False
    translation.save()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor.status_code == 200
    assert "localize-convert-to-alias" not in editor.content.decode()


def test_a_moderator_may_turn_a_translation_into_an_alias(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    translation.enabled = False
    translation.save()
    staff(client, roles.MODERATORS)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert "localize-convert-to-alias" in editor.content.decode()

    convert = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    assert client.post(convert).status_code == 302
    english.refresh_from_db()
    assert english.alias_of_id == arabic.pk


def test_the_arabic_translation_editor_writes_no_english_month_beside_a_translated_sentence(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=translation.target_locale,
        context=title.context,
        data="Incubation track",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    user = staff(client, roles.TRANSLATORS)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "ar"})

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    props = BeautifulSoup(editor.content, "html.parser").select_one(".js-translation-editor")
    translated = json.loads(props["data-props"])["initialStringTranslations"]
    comments = [string["comment"] for string in translated]
    assert "تُرجمت يدويًا" in comments
    months = [datetime.date(2026, month, 1).strftime("%B") for month in range(1, 13)]
    assert not [c for c in comments if any(month in c for month in months)]


@pytest.mark.parametrize("group", [roles.TRANSLATORS, roles.SECTIONS["programmes"].editors])
def test_syncing_translations_never_publishes_them_for_those_who_may_not_publish(
    client, staff, programmes, english_programmes, group, django_capture_on_commit_callbacks
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان")
    translation = translate(arabic)
    type_translations(translation, title="Incubation track")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    arabic.title = "مسار الاحتضان الجديد"
    arabic.save_revision().publish()
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    staff(client, group)

    form = client.get(sync).content.decode()
    assert 'name="publish_translations"' not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync, {"publish_translations": "on"})
    assert response.status_code == 302
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    # Synced, so the new title waits in the translation editor; the live page is unchanged.
    assert english.live and english.title == "Incubation track"
    translation.source.refresh_from_db()
    assert translation.get_progress()[1] < translation.get_progress()[0]


def test_a_moderator_may_sync_and_publish_at_once(
    client, staff, programmes, english_programmes, django_capture_on_commit_callbacks
):
    arabic = ProgrammePageFactory(parent=programmes)
    translation = translate(arabic)
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    staff(client, roles.MODERATORS)
    assert 'name="publish_translations"' in client.get(sync).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sync, {"publish_translations": "on"})
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    assert english.live


def test_sending_a_live_page_to_translation_publishes_nothing_untranslated(
    client, staff, programmes, english_programmes, django_capture_on_commit_callbacks
):
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الاحتضان", slug="incubation")
    assert arabic.live
    staff(client, roles.SECTIONS["programmes"].editors)
    english_locale = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[arabic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [english_locale.pk]}).status_code == 302

    english = ProgrammePage.objects.get(
        locale=english_locale, translation_key=arabic.translation_key
    )
    assert not english.live
    client.logout()
    assert client.get("/en/programmes/incubation/").status_code == 404
