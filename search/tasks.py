from django_tasks import task

from search.extraction import extract_text
from search.models import SearchableDocument


@task()
def extract_document_text(document_id):
    """Read the text of a document once it is stored, and index it."""
    document = SearchableDocument.objects.filter(pk=document_id).first()
    if document is None:
        return
    with document.open_file() as file:
        text = extract_text(file, document.file_extension)
    if text != document.text:
        document.text = text
        document.save(update_fields=["text"])
