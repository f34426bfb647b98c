from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from config.storage import private_storage
from search.indexing import AnalysedSearch


class SearchableDocument(AnalysedSearch, AbstractDocument):
    """A Wagtail document whose text (PDF, DOCX) is searchable, extracted in the background."""

    # Private storage: a document in a restricted collection must never have a public address,
    # and every document is served by Wagtail's permission-checked view anyway.
    file = models.FileField(_("file"), upload_to="documents", storage=private_storage)
    text = models.TextField(_("text"), blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields
    search_fields = [*AbstractDocument.search_fields, index.SearchField("text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


@receiver(post_save, sender=SearchableDocument)
def extract_after_upload(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= {"text", "file_size", "file_hash"}:
        return
    from search.tasks import extract_document_text

    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))


class UnansweredQuery(models.Model):
    """A search term that found nothing the last time someone typed it: content editors may add."""

    query = models.OneToOneField(Query, on_delete=models.CASCADE, related_name="unanswered")
    last_seen = models.DateTimeField(_("last searched"), auto_now=True)

    class Meta:
        verbose_name = _("search with no result")
        verbose_name_plural = _("searches with no result")

    def __str__(self):
        return self.query.query_string

    @classmethod
    def record(cls, query_string, found):
        query = Query.get(query_string)
        if found:
            cls.objects.filter(query=query).delete()
        else:
            cls.objects.update_or_create(query=query)
