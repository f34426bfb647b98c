import home.storage
from django.core.files.storage import storages
from django.db import migrations, models


def move(source, target):
    def move_documents(apps, schema_editor):
        """Files of documents uploaded before this migration move between the storages."""
        source_storage, target_storage = storages[source], storages[target]
        Document = apps.get_model("search", "SearchableDocument")
        for name in Document.objects.values_list("file", flat=True).iterator():
            if source_storage.exists(name) and not target_storage.exists(name):
                with source_storage.open(name) as file:
                    target_storage.save(name, file)
                source_storage.delete(name)

    return move_documents


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_unanswered_query'),
    ]

    operations = [
        migrations.AlterField(
            model_name='searchabledocument',
            name='file',
            field=models.FileField(storage=home.storage.private_storage, upload_to='documents', verbose_name='file'),
        ),
        migrations.RunPython(move("default", "private"), move("private", "default")),
    ]
