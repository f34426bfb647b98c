import uuid

from django.db import migrations


def set_locales_and_keys(apps, schema_editor):
    """Each field takes its page's language; the fields with the same name in a page's
    translations share one translation key, so wagtail-localize sees them as one field."""
    Page = apps.get_model("wagtailcore", "Page")
    ApplicationFormField = apps.get_model("applications", "ApplicationFormField")
    pages = {
        page["pk"]: page
        for page in Page.objects.filter(
            pk__in=ApplicationFormField.objects.values("page_id")
        ).values("pk", "locale_id", "translation_key")
    }
    keys = {}
    for field in ApplicationFormField.objects.all():
        page = pages[field.page_id]
        field.locale_id = page["locale_id"]
        field.translation_key = keys.setdefault(
            (page["translation_key"], field.clean_name), uuid.uuid4()
        )
        field.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_form_field_locale")]

    operations = [migrations.RunPython(set_locales_and_keys, migrations.RunPython.noop)]
