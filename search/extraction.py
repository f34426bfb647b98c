"""The text inside uploaded documents (PDF, Word, PowerPoint, Excel, OpenDocument, plain text),
for search. Plain Python.

Extraction is best effort: a damaged or unusual file yields what could be read, never an error
that would lose the upload. Office files are zip archives of XML: the XML is parsed with
defusedxml (no entity expansion) and an entry that would inflate past `MAX_XML_BYTES` is skipped,
so neither an entity bomb nor a zip bomb costs more than a bounded read.
"""

import logging
import re
import zipfile

from defusedxml import ElementTree
from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARACTERS = 500_000
MAX_XML_BYTES = 20 * 1024 * 1024


def _pdf(file):
    reader = PdfReader(file)
    return "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PAGES])


def _text(file):
    return file.read(MAX_CHARACTERS * 4).decode("utf-8", errors="replace")


class _Archive:
    """Where an office format keeps its text: the archive entries (in reading order), the elements
    that make a paragraph, and the elements holding its text (None: all text inside it)."""

    def __init__(self, entries, paragraphs, text=None):
        self.entries, self.paragraph_tags, self.text = entries, set(paragraphs), text

    def members(self, archive):
        names = [n for n in archive.namelist() if re.fullmatch(self.entries, n)]
        # slide10.xml comes after slide9.xml
        return sorted(
            names, key=lambda n: [int(d) if d.isdigit() else d for d in re.split(r"(\d+)", n)]
        )

    def paragraphs(self, root):
        for paragraph in (e for e in root.iter() if e.tag in self.paragraph_tags):
            nodes = paragraph.iter(self.text) if self.text else [paragraph]
            yield "".join("".join(node.itertext()) for node in nodes)

    def __call__(self, file):
        found = []
        with zipfile.ZipFile(file) as archive:
            for info in map(archive.getinfo, self.members(archive)):
                if info.file_size > MAX_XML_BYTES:
                    logger.warning(
                        "skipped %s: %d bytes once inflated", info.filename, info.file_size
                    )
                    continue
                with archive.open(info) as xml:
                    root = ElementTree.fromstring(xml.read(MAX_XML_BYTES))
                found.extend(p for p in self.paragraphs(root) if p)
        return "\n".join(found)


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

READERS = {
    "pdf": _pdf,
    "docx": _Archive(r"word/document\.xml", [f"{_WORD}p"], f"{_WORD}t"),
    "pptx": _Archive(r"ppt/slides/slide\d+\.xml", [f"{_DRAWING}p"], f"{_DRAWING}t"),
    # A workbook's words are its shared strings; numbers are not worth searching.
    "xlsx": _Archive(r"xl/sharedStrings\.xml", [f"{_SHEET}si"], f"{_SHEET}t"),
    "odt": _Archive(r"content\.xml", [f"{_ODF_TEXT}h", f"{_ODF_TEXT}p"]),
    "txt": _text,
    "csv": _text,
}


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
