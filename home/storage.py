"""Where uploaded files live.

Public media (images and their renditions) may be linked from any page. Private files
(applicants' uploads, documents) are only ever served through views that check permissions
(`applications.admin_views.download`, Wagtail's document view), so nothing of theirs has a lasting
address: on disk they have no URL at all, in object storage only a signed one that expires in
minutes.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

S3_BACKEND = "storages.backends.s3.S3Storage"
SIGNED_URL_SECONDS = 300


class PrivateStorage(FileSystemStorage):
    """Private files on this machine: under PRIVATE_MEDIA_ROOT, outside the public media folder,
    with no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # NotImplementedError is how a storage says it has no URL; Wagtail's document view then
        # streams the file itself.
        raise NotImplementedError("Private files have no URL: serve them through a view.")


def private_storage():
    """The storage of private files, for `FileField(storage=...)`: a callable, so that
    migrations name no backend and each deployment picks its own."""
    return storages["private"]


def s3_storages(bucket, *, private_bucket="", endpoint_url="", region="", media_domain=""):
    """The "default" (public media) and "private" storages in an S3-compatible bucket, and the
    address public media is served from (ending in "media/").

    Public media lives under `media/`, readable by anyone through the bucket policy, with plain
    addresses built without asking the service. Private files live under `private/` (or in their
    own bucket) and are readable only with a signed URL.
    """
    if media_domain:
        base = f"https://{media_domain}"
    elif endpoint_url:
        # Path-style addresses, as MinIO and other S3-compatible services serve them.
        base = f"{endpoint_url.rstrip('/')}/{bucket}"
    elif region:
        base = f"https://{bucket}.s3.{region}.amazonaws.com"
    else:
        base = f"https://{bucket}.s3.amazonaws.com"
    protocol, domain = base.split("//", 1)
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "signature_version": "s3v4",
        "default_acl": None,
        "file_overwrite": False,
    }
    public = {
        **common,
        "bucket_name": bucket,
        "location": "media",
        "custom_domain": domain,
        "url_protocol": protocol,
        "querystring_auth": False,
    }
    private = {
        **common,
        "bucket_name": private_bucket or bucket,
        "location": "private",
        "querystring_auth": True,
        "querystring_expire": SIGNED_URL_SECONDS,
    }
    backends = {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }
    return backends, f"{base}/media/"
