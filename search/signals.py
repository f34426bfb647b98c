from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from search.models import SearchableDocument
from search.tasks import extract_document_text


@receiver(post_save, sender=SearchableDocument)
def extract_after_upload(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= {"text", "file_size", "file_hash"}:
        return
    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))
