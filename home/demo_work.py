"""The staff's demo work waiting (home/demo/work/): a page an editor sent to translation, its
first sentences translated, for the translator; a change an editor submitted for moderation, for
the moderator. Each is started as the admin starts it."""

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, TaskState, WorkflowState
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

WORK = Path(__file__).resolve().parent / "demo" / "work"


def entries(name, key):
    return json.loads((WORK / name).read_text(encoding="utf-8"))[key]


def source_page(slug):
    return Page.objects.get(slug=slug, locale=Locale.get_default()).specific


def account(username):
    return get_user_model().objects.get(username=username)


def translations():
    """The translations started, as "Translate this page" starts them."""
    started = []
    for entry in entries("translations.json", "translations"):
        page = source_page(entry["page"])
        locale = Locale.objects.get(language_code=entry["language"])
        # The page alone: its category and tags are translated when their turn comes.
        TranslationCreator(account(entry["sent_by"]), [locale]).create_translations(
            page, include_related_objects=False
        )
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locale
        )
        segments = translation.source.stringsegment_set.select_related("string", "context")
        translated_by = account(entry["translated_by"])
        for segment in segments.filter(context__path__in=entry["translated"]):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=entry["translated"][segment.context.path],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=translated_by,
            )
        started.append(translation)
    return started


def changes_for_moderation():
    """The changes submitted, as "Submit to Moderator approval" submits them."""
    submitted = []
    for entry in entries("moderation.json", "changes"):
        page = source_page(entry["page"])
        editor = account(entry["by"])
        for name, value in entry["fields"].items():
            setattr(page, name, value)
        revision = page.save_revision(user=editor)
        state = page.get_workflow().start(page, editor)
        # Sent a few hours ago, as the dashboard will say.
        sent = timezone.now() - datetime.timedelta(hours=entry["hours_ago"])
        Revision.objects.filter(pk=revision.pk).update(created_at=sent)
        Page.objects.filter(pk=page.pk).update(latest_revision_created_at=sent)
        WorkflowState.objects.filter(pk=state.pk).update(created_at=sent)
        TaskState.objects.filter(workflow_state=state).update(started_at=sent)
        submitted.append(state)
    return submitted
