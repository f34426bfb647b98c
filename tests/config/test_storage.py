"""Where uploads are kept: public media apart from private files, on disk or in object storage.

Object storage is never reached here: boto3 signs addresses without asking the service.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from csp.constants import SELF
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, StorageHandler, storages

from applications.models import SubmissionFile
from home.storage import PrivateStorage

NO_BUCKET = {"S3_BUCKET": "", "S3_MEDIA_DOMAIN": ""}
MINIO = {
    "S3_BUCKET": "tamkeen",
    "S3_ENDPOINT_URL": "http://minio.internal:9000",
    "S3_REGION": "us-east-1",
    "S3_PRIVATE_BUCKET": "",
    "S3_MEDIA_DOMAIN": "",
    "AWS_ACCESS_KEY_ID": "tamkeen-app",
    "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
}


def img_sources(settings_module):
    return [
        settings_module.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        settings_module.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["img-src"],
    ]


def query_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def test_private_files_are_kept_under_their_own_folder_without_an_address(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    private = SubmissionFile._meta.get_field("file").storage
    assert private is storages["private"]
    name = private.save("submissions/cv.pdf", ContentFile(b"%PDF-1.4"))
    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4"
    assert not (tmp_path / "media").exists()
    with pytest.raises(NotImplementedError):
        private.url(name)


def test_without_a_bucket_files_stay_on_this_machine(settings_from):
    base = settings_from(**NO_BUCKET)
    handler = StorageHandler(base.STORAGES)
    assert type(handler["default"]) is FileSystemStorage
    assert isinstance(handler["private"], PrivateStorage)
    assert base.MEDIA_URL == "/media/"
    for sources in img_sources(base):
        assert [s for s in sources if s.startswith("http")] == []


class TestBucket:
    @pytest.fixture
    def base(self, settings_from):
        return settings_from(**MINIO)

    @pytest.fixture
    def handler(self, base):
        return StorageHandler(base.STORAGES)

    def test_images_get_plain_lasting_addresses_under_the_media_prefix(self, handler):
        url = handler["default"].url("images/logo.width-400.webp")
        assert url == "http://minio.internal:9000/tamkeen/media/images/logo.width-400.webp"
        assert "X-Amz-Signature" not in url

    def test_private_files_get_signed_addresses_that_expire_within_five_minutes(self, handler):
        url = handler["private"].url("submissions/2026/11/TMK-2026-000001/cv.pdf")
        assert url.startswith("http://minio.internal:9000/tamkeen/private/submissions/")
        query = query_of(url)
        assert query["X-Amz-Signature"]
        assert query["X-Amz-Credential"].startswith("tamkeen-app/")
        assert 0 < int(query["X-Amz-Expires"]) <= 300

    def test_uploads_never_replace_a_file_nor_set_their_own_permissions(self, handler):
        # Readable or not is the bucket policy's word alone (public read on media/ only).
        for alias in ("default", "private"):
            assert handler[alias].file_overwrite is False
            assert handler[alias].default_acl is None

    def test_pages_may_show_images_from_the_media_prefix_only(self, base, handler):
        image = handler["default"].url("images/logo.webp")
        document = handler["private"].url("documents/minutes.pdf")
        for sources in img_sources(base):
            allowed = [s for s in sources if s.startswith("http")]
            assert allowed == ["http://minio.internal:9000/tamkeen/media/"]
            assert image.startswith(allowed[0])
            assert not document.startswith(allowed[0])
            assert SELF in sources

    def test_private_files_may_have_a_bucket_of_their_own(self, settings_from):
        base = settings_from(**{**MINIO, "S3_PRIVATE_BUCKET": "tamkeen-private"})
        url = StorageHandler(base.STORAGES)["private"].url("documents/minutes.pdf")
        assert urlsplit(url).path == "/tamkeen-private/private/documents/minutes.pdf"


def test_a_media_domain_serves_images_and_only_images(settings_from):
    base = settings_from(**{**MINIO, "S3_MEDIA_DOMAIN": "media.tamkeen.example"})
    handler = StorageHandler(base.STORAGES)
    image = handler["default"].url("images/a.webp")
    assert image == "https://media.tamkeen.example/media/images/a.webp"
    for sources in img_sources(base):
        assert "https://media.tamkeen.example/media/" in sources
    # Signed addresses are the bucket's own: the media domain never serves private files.
    private = handler["private"].url("documents/minutes.pdf")
    assert private.startswith("http://minio.internal:9000/tamkeen/private/")
    assert "X-Amz-Signature" in private


def test_on_amazon_s3_images_are_served_from_the_buckets_regional_address(settings_from):
    base = settings_from(**{**MINIO, "S3_ENDPOINT_URL": "", "S3_REGION": "eu-central-1"})
    url = StorageHandler(base.STORAGES)["default"].url("images/a.webp")
    assert url == "https://tamkeen.s3.eu-central-1.amazonaws.com/media/images/a.webp"
    for sources in img_sources(base):
        assert "https://tamkeen.s3.eu-central-1.amazonaws.com/media/" in sources
