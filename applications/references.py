"""Submission reference numbers and the checks on what applicants upload and type.

Plain Python with no Django import: tested fast and alone.
"""

import re
import unicodedata
import zipfile
from urllib.parse import urlencode

from home.digits import to_latin_digits

PREFIX = "TMK"
REFERENCE_RE = re.compile(r"^TMK-(\d{4})-(\d{6,})$")


def format_reference(year: int, number: int) -> str:
    """`TMK-2026-000123`: the year the submission arrived and its number in that year."""
    return f"{PREFIX}-{year:04d}-{number:06d}"


def status_link(status_url: str, reference: str) -> str:
    """The status check with this reference filled in: the applicant types only their email."""
    return f"{status_url}?{urlencode({'reference': reference})}"


def normalise_reference(text: str) -> str:
    """What an applicant typed, as stored: digits in Latin form, upper case, no spaces."""
    return to_latin_digits(text or "").strip().upper().replace(" ", "")


PHONE_RE = re.compile(r"^\+?\d{6,15}$")


def normalise_phone(text: str) -> str | None:
    """A phone number as digits with an optional leading +, or None when it is not one.

    Spaces, dashes, dots and brackets are ignored; Arabic-Indic digits are accepted.
    """
    compact = re.sub(r"[\s\-.()\u200e\u200f]", "", to_latin_digits(text or ""))
    return compact if PHONE_RE.match(compact) else None


# File types recognised by their first bytes, never by their names.
PDF, JPEG, PNG, DOCX = "pdf", "jpeg", "png", "docx"
FILE_TYPES = {
    PDF: ("application/pdf", ".pdf"),
    JPEG: ("image/jpeg", ".jpg"),
    PNG: ("image/png", ".png"),
    DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
}
DEFAULT_FILE_TYPES = (PDF, JPEG, PNG, DOCX)


def detect_file_type(file) -> str | None:
    """The type of an open binary file from its content, or None when it is none we know.

    The file is left at its start.
    """
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            file.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX
    return None


def safe_filename(name: str, kind: str, max_length: int = 80) -> str:
    """A file name safe to store and to offer for download: no folders, no control or
    shell-significant characters, letters (Arabic included) kept, and the extension of the
    detected type whatever the applicant's file was called."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ]+", "", stem, flags=re.UNICODE)
    stem = re.sub(r"[\s_-]+", "-", stem).strip("-.")[:max_length] or "file"
    return stem + FILE_TYPES[kind][1]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet will show as text: a leading = + - @ (or tab, return) is neutralised
    with an apostrophe so that no cell runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
