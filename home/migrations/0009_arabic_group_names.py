"""The staff groups are named in Arabic, the site's first language, as the workflow is: Wagtail
shows group names as stored, in every admin language."""

from django.db import migrations

NAMES = {
    "Programme editors": "محررو البرامج",
    "News editors": "محررو الأخبار",
    "Learning editors": "محررو التعلّم",
    "Moderators": "المشرفون",
    "Translators": "المترجمون",
    "Application reviewers": "مراجعو الطلبات",
    "Site administrators": "مديرو الموقع",
}


def rename(apps, names):
    Group = apps.get_model("auth", "Group")
    for old, new in names.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def to_arabic(apps, schema_editor):
    rename(apps, NAMES)


def to_english(apps, schema_editor):
    rename(apps, {new: old for old, new in NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_arabic_workflow_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_arabic, to_english)]
