"""The text inside uploaded documents (PDF, DOCX, plain text), for search. Plain Python.

Extraction is best effort: a damaged or unusual file yields what could be read, never an error
that would lose the upload.
"""

import logging
import zipfile
from xml.etree import ElementTree

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARACTERS = 500_000
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pdf(file):
    reader = PdfReader(file)
    return "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PAGES])


def _docx(file):
    with zipfile.ZipFile(file) as archive, archive.open("word/document.xml") as xml:
        root = ElementTree.parse(xml).getroot()  # noqa: S314 - zip entry of a size-limited upload
    paragraphs = (
        "".join(node.text or "" for node in paragraph.iter(f"{_WORD_NS}t"))
        for paragraph in root.iter(f"{_WORD_NS}p")
    )
    return "\n".join(p for p in paragraphs if p)


def _text(file):
    return file.read(MAX_CHARACTERS * 4).decode("utf-8", errors="replace")


READERS = {"pdf": _pdf, "docx": _docx, "txt": _text, "csv": _text}


def extract_text(file, extension):
    """The text of an open binary `file` of type `extension`, or "" when it cannot be read."""
    reader = READERS.get(extension.lower())
    if reader is None:
        return ""
    try:
        return reader(file)[:MAX_CHARACTERS]
    except Exception:  # noqa: BLE001 - any parser failure means "no text", not a lost upload
        logger.warning("could not extract text from a .%s document", extension, exc_info=True)
        return ""
