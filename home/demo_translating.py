"""The translator's demo work: pages an editor sent to translation, their first sentences already
translated, so that the translator's dashboard lists a translation to finish on a new site
(home/demo/translating/)."""

import json

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.importing import demo_files


def load():
    """The translations started; each as "Translate this page" in the admin starts it."""
    started = []
    accounts = get_user_model().objects
    for path in demo_files("translating"):
        for entry in json.loads(path.read_text(encoding="utf-8"))["translations"]:
            page = Page.objects.get(slug=entry["page"], locale=Locale.get_default()).specific
            locale = Locale.objects.get(language_code=entry["language"])
            sent_by = accounts.get(username=entry["sent_by"])
            # The page alone: its category and tags are translated when their turn comes.
            TranslationCreator(sent_by, [locale]).create_translations(
                page, include_related_objects=False
            )
            translation = Translation.objects.get(
                source__object_id=page.translation_key, target_locale=locale
            )
            segments = translation.source.stringsegment_set.select_related("string", "context")
            translated_by = accounts.get(username=entry["translated_by"])
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
