"""The dashboard shows staff their drafts, programmes about to close, translations to update and,
to translators, the translations left to finish."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from home import roles
from programmes.models import ProgrammePage
from tests.factories import ProgrammePageFactory, StandardPageFactory
from tests.home.test_translating import translate, type_translations

pytestmark = pytest.mark.django_db

EDITORS = roles.SECTIONS["programmes"].editors


@pytest.fixture
def today(monkeypatch):
    moment = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return datetime.date(2026, 11, 23)


def panel(response, name):
    return response.content.decode().split(f'data-testid="{name}"')[1].split("</table>")[0]


def test_an_editor_sees_their_own_drafts_only(client, staff, programmes):
    user = staff(client, EDITORS)
    mine = ProgrammePageFactory(parent=programmes, title="مسودتي", live=False)
    mine.save_revision(user=user)
    theirs = ProgrammePageFactory(parent=programmes, title="مسودة زميل", live=False)
    theirs.save_revision()
    drafts = panel(client.get(reverse("wagtailadmin_home")), "my_drafts")
    assert "مسودتي" in drafts
    assert "مسودة زميل" not in drafts


def test_programmes_closing_within_30_days_are_listed_soonest_first(
    client, staff, programmes, today
):
    ProgrammePageFactory(
        parent=programmes, title="يغلق بعد أسبوعين", closes=today + datetime.timedelta(days=14)
    )
    ProgrammePageFactory(
        parent=programmes, title="يغلق غدًا", closes=today + datetime.timedelta(days=1)
    )
    ProgrammePageFactory(
        parent=programmes, title="يغلق بعد شهرين", closes=today + datetime.timedelta(days=60)
    )
    ProgrammePageFactory(
        parent=programmes, title="أغلق أمس", closes=today - datetime.timedelta(days=1)
    )
    staff(client, EDITORS)
    closing = panel(client.get(reverse("wagtailadmin_home")), "closing_soon")
    assert closing.index("يغلق غدًا") < closing.index("يغلق بعد أسبوعين")
    assert "يغلق بعد شهرين" not in closing
    assert "أغلق أمس" not in closing


def test_the_dashboard_queries_do_not_grow_with_drafts(
    client, staff, programmes, django_assert_max_num_queries
):
    user = staff(client, EDITORS)
    for n in range(8):
        ProgrammePageFactory(parent=programmes, title=f"مسودة {n}", live=False).save_revision(
            user=user
        )
    with django_assert_max_num_queries(60):
        client.get(reverse("wagtailadmin_home"))


def test_a_translator_sees_pages_changed_since_translated_and_syncs_them(
    client, staff, home, english_home
):
    translator = staff(client, roles.TRANSLATORS)
    about = StandardPageFactory(parent=home, title="عن البرنامج", slug="about")
    english = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert client.post(submit, {"locales": [english.pk]}).status_code == 302
    dashboard = reverse("wagtailadmin_home")
    assert 'data-testid="changed_since_translated"' not in client.get(dashboard).content.decode()

    about.title = "عن برنامج تمكين"
    about.save_revision().publish()
    changed = panel(client.get(dashboard), "changed_since_translated")
    assert "عن البرنامج" in changed
    sync = TranslationSource.objects.get(object_id=about.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[sync.pk])
    assert sync_url in changed

    assert client.post(sync_url).status_code == 302
    assert 'data-testid="changed_since_translated"' not in client.get(dashboard).content.decode()
    assert translator.has_perm("wagtail_localize.submit_translation")


def test_reviewers_do_not_see_the_translation_panel(client, staff, home, english_home):
    about = StandardPageFactory(parent=home, title="عن البرنامج", slug="about")
    TranslationSource.get_or_create_from_instance(about)[0].create_or_update_translation(
        Locale.objects.get(language_code="en"), fallback=True
    )
    about.save_revision().publish()
    staff(client, EDITORS)
    assert (
        "changed_since_translated" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_a_translator_sees_the_translations_left_to_finish_until_submitted(
    client, staff, programmes, english_programmes
):
    translator = staff(client, roles.TRANSLATORS)
    UserProfile.objects.update_or_create(user=translator, defaults={"preferred_language": "ar"})
    arabic = ProgrammePageFactory(parent=programmes, title="مسار الأرشفة الرقمية")
    translation = translate(arabic)
    english = ProgrammePage.objects.get(
        locale__language_code="en", translation_key=arabic.translation_key
    )
    dashboard = reverse("wagtailadmin_home")
    edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert translation.get_progress() == (5, 0)

    waiting = panel(client.get(dashboard), "unfinished_translations")
    assert "مسار الأرشفة الرقمية" in waiting and f'href="{edit}"' in waiting
    assert "English: بقيت 5 جمل للترجمة" in waiting

    type_translations(translation, leave=["summary"], title="Digital archiving track")
    assert "English: بقيت جملة واحدة للترجمة" in panel(
        client.get(dashboard), "unfinished_translations"
    )
    type_translations(translation, title="Digital archiving track")
    assert "English: مترجمة، لم تُرسل للمراجعة بعد" in panel(
        client.get(dashboard), "unfinished_translations"
    )

    client.post(reverse("translation_submit", args=[translation.pk]))
    english.refresh_from_db()
    assert english.workflow_in_progress
    assert 'data-testid="unfinished_translations"' not in client.get(dashboard).content.decode()

    # Sent back by a moderator, it is the translator's again.
    state = english.current_workflow_task_state
    state.task.specific.on_action(state, translator, "reject")
    assert "English: طلب المشرف تعديلات" in panel(client.get(dashboard), "unfinished_translations")


def test_only_translators_see_the_translations_to_finish(
    client, staff, programmes, english_programmes
):
    translate(ProgrammePageFactory(parent=programmes, title="مسار الأرشفة الرقمية"))
    staff(client, EDITORS)
    assert (
        "unfinished_translations" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_a_change_waiting_for_a_moderator_is_listed_once_published(
    client, staff, home, english_home
):
    staff(client, roles.TRANSLATORS)
    about = StandardPageFactory(parent=home, title="عن البرنامج", slug="about")
    english = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    client.post(submit, {"locales": [english.pk]})
    dashboard = reverse("wagtailadmin_home")
    source = TranslationSource.objects.get(object_id=about.translation_key)

    # An editor's draft: translations follow what is published, so nothing is there to sync yet.
    about.title = "عن برنامج تمكين"
    revision = about.save_revision()
    assert 'data-testid="changed_since_translated"' not in client.get(dashboard).content.decode()
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))

    revision.publish()
    changed = panel(client.get(dashboard), "changed_since_translated")
    assert "عن البرنامج" in changed
