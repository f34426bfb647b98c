import io
import zipfile

import pytest

from applications.references import (
    detect_file_type,
    format_reference,
    normalise_phone,
    normalise_reference,
    safe_filename,
    spreadsheet_safe,
)
from home.digits import to_latin_digits
from tests.applications.conftest import JPEG, PDF, PNG, docx_bytes


def test_references_are_human_friendly_and_sort_by_number():
    assert format_reference(2026, 123) == "TMK-2026-000123"
    assert format_reference(2026, 1234567) == "TMK-2026-1234567"


def test_a_typed_reference_is_read_with_arabic_digits_spaces_and_any_case():
    assert normalise_reference(" tmk-٢٠٢٦-٠٠٠١٢٣ ") == "TMK-2026-000123"


def test_arabic_indic_and_persian_digits_become_latin():
    assert to_latin_digits("٠٩٣٣ ۱۲۳") == "0933 123"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0933 123 456", "0933123456"),
        ("٠٩٣٣١٢٣٤٥٦", "0933123456"),
        ("+963 (11) 222-3344", "+963112223344"),
        ("abc", None),
        ("12", None),
        ("0933<script>", None),
    ],
)
def test_phone_numbers(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (JPEG, "jpeg"),
        (PNG, "png"),
        (docx_bytes(), "docx"),
        (b"#!/bin/sh\nrm -rf /\n", None),
        (b"<script>alert(1)</script>", None),
        (b"", None),
    ],
)
def test_file_types_are_recognised_by_content(content, kind):
    assert detect_file_type(io.BytesIO(content)) == kind


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    assert detect_file_type(buffer) is None


def test_detection_leaves_the_file_at_its_start():
    file = io.BytesIO(PDF)
    detect_file_type(file)
    assert file.read(5) == b"%PDF-"


@pytest.mark.parametrize(
    ("name", "kind", "safe"),
    [
        ("../../etc/passwd.pdf", "pdf", "passwd.pdf"),
        ("C:\\Users\\me\\سيرة ذاتية.docx", "docx", "سيرة-ذاتية.docx"),
        ("<script>x</script>.pdf", "pdf", "script.pdf"),
        ("photo.exe", "png", "photo.png"),
        ("....", "jpeg", "file.jpg"),
        ("a;rm -rf $HOME|.pdf", "pdf", "arm-rf-HOME.pdf"),
    ],
)
def test_file_names_are_sanitised(name, kind, safe):
    assert safe_filename(name, kind) == safe


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+963", "'+963"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("سارة", "سارة"),
        (7, 7),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(value, safe):
    assert spreadsheet_safe(value) == safe
