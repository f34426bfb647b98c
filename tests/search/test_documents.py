import io
import zipfile

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from search import extraction
from search.extraction import READERS, extract_text

pytestmark = pytest.mark.django_db

DOCX_XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>دليل حوكمة الجمعيّات</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>يشرح الدليل إعداد </w:t></w:r><w:r><w:t>النظام الداخلي.</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def archive_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in entries.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def docx_bytes(xml=DOCX_XML):
    return archive_bytes({"word/document.xml": xml})


DRAWING = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
SHEET = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def pdf_bytes(text):
    """A minimal one-page PDF with `text` (Latin) drawn in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_text_is_extracted_from_docx_and_pdf():
    assert "النظام الداخلي." in extract_text(io.BytesIO(docx_bytes()), "docx")
    assert "Volunteer handbook" in extract_text(io.BytesIO(pdf_bytes("Volunteer handbook")), "pdf")


def test_text_is_extracted_from_every_office_format_accepted_as_a_document():
    slides = {
        f"ppt/slides/slide{n}.xml": f"<p:sld {DRAWING} xmlns:p='urn:p'><a:p><a:r><a:t>الشريحة {n}"
        "</a:t></a:r></a:p></p:sld>"
        for n in (10, 9)
    }
    pptx = extract_text(io.BytesIO(archive_bytes(slides)), "pptx")
    assert pptx == "الشريحة 9\nالشريحة 10"

    strings = (
        f"<sst {SHEET}><si><t>المحافظة</t></si>"
        "<si><r><t>عدد </t></r><r><t>الجمعيات</t></r></si></sst>"
    )
    xlsx = extract_text(io.BytesIO(archive_bytes({"xl/sharedStrings.xml": strings})), "xlsx")
    assert xlsx == "المحافظة\nعدد الجمعيات"

    content = (
        f"<office:document-content {ODF}><office:body><office:text>"
        "<text:h>تقرير الأثر</text:h><text:p>نتائج <text:span>السنة الأولى</text:span></text:p>"
        "</office:text></office:body></office:document-content>"
    )
    odt = extract_text(io.BytesIO(archive_bytes({"content.xml": content})), "odt")
    assert odt == "تقرير الأثر\nنتائج السنة الأولى"

    assert set(settings.WAGTAILDOCS_EXTENSIONS) <= set(READERS)


def test_an_entity_bomb_or_a_zip_bomb_gives_no_text(monkeypatch):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:document>"
    )
    assert extract_text(io.BytesIO(docx_bytes(laughs)), "docx") == ""

    monkeypatch.setattr(extraction, "MAX_XML_BYTES", len(DOCX_XML) - 1)
    assert extract_text(io.BytesIO(docx_bytes()), "docx") == ""


def test_a_damaged_file_gives_no_text_rather_than_an_error():
    assert extract_text(io.BytesIO(b"not a zip"), "docx") == ""
    assert extract_text(io.BytesIO(b"%PDF-1.4 broken"), "pdf") == ""


def upload(title, content, name, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_the_search_page_finds_a_document_by_the_words_inside_it(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("دليل الجمعيات", docx_bytes(), "guide.docx")
    document.refresh_from_db()
    assert "النظام الداخلي" in document.text
    response = client.get("/ar/search/", {"q": "النظام الداخلي"})
    assert document.url.encode() in response.content


def test_documents_in_a_private_collection_never_appear(
    client, home, django_capture_on_commit_callbacks
):
    private = Collection.get_first_root_node().add_child(name="داخلي")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("محضر اجتماع", docx_bytes(), "minutes.docx", collection=private)
    response = client.get("/ar/search/", {"q": "النظام الداخلي"})
    assert document.url.encode() not in response.content


class TestPrivateCollection:
    """A document in a collection restricted to staff is never handed to the public."""

    @pytest.fixture
    def minutes(self, home, settings, tmp_path):
        settings.MEDIA_ROOT = str(tmp_path / "media")
        settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
        private = Collection.get_first_root_node().add_child(name="داخلي")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
        return upload("محضر اجتماع", pdf_bytes("Board minutes"), "minutes.pdf", collection=private)

    @pytest.mark.parametrize("prefix", [settings.MEDIA_URL, settings.STATIC_URL, "/", "/ar/"])
    def test_no_public_route_serves_its_file(self, client, minutes, development_urls, prefix):
        # The development server (`make run`) serves the most: image renditions and static files.
        for name in (minutes.file.name, minutes.filename):
            response = client.get(f"{prefix}{name}", follow=True)
            assert response.status_code == 404, f"{prefix}{name}"

    def test_its_file_is_kept_with_the_private_files(self, minutes, tmp_path):
        assert (tmp_path / "private" / minutes.file.name).read_bytes() == pdf_bytes("Board minutes")
        assert not (tmp_path / "media").exists()

    def test_visitors_are_sent_to_log_in(self, client, minutes):
        response = client.get(minutes.url)
        assert response.status_code == 302
        assert "Board minutes" not in response.content.decode(errors="ignore")

    def test_a_signed_in_editor_downloads_it(self, client, minutes, admin_user):
        client.force_login(admin_user)
        response = client.get(minutes.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes("Board minutes")


def test_a_document_kept_in_object_storage_is_read_and_served_through_the_site(
    client, home, admin_user, bucket, django_capture_on_commit_callbacks
):
    remote = bucket(get_document_model(), "file")
    private = Collection.get_first_root_node().add_child(name="داخلي")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        minutes = upload("محضر", pdf_bytes("Board minutes"), "minutes.pdf", collection=private)
    assert remote.exists(minutes.file.name)
    minutes.refresh_from_db()
    assert "Board minutes" in minutes.text
    # Never a redirect to the file's own address: to the login page, then the file itself.
    assert client.get(minutes.url)["Location"].endswith(f"login/?next={minutes.url}")
    client.force_login(admin_user)
    response = client.get(minutes.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Board minutes")


def test_the_development_server_still_serves_image_renditions(client, home, development_urls):
    # The route the tests above find closed to documents is open to images.
    rendition = wagtail_factories.ImageFactory().get_rendition("width-100")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
