"""The moderators' workflow and its task take the Arabic name the admin shows.

Wagtail shows workflow and task names as stored, in every admin language; Arabic is the site's
first language and its staff's, so the names are stored in Arabic.
"""

from django.db import migrations

ENGLISH = "Moderator approval"
ARABIC = "اعتماد المشرف"


def rename(old, new):
    def run(apps, schema_editor):
        for model in ("wagtailcore.Workflow", "wagtailcore.Task"):
            apps.get_model(model).objects.filter(name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_worker_heartbeat"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename(ENGLISH, ARABIC), rename(ARABIC, ENGLISH))]
