"""Where uploaded files live.

Public media (images and their renditions) may be linked from any page. Private files
(applicants' uploads, documents) are only ever served through views that check permissions
(`applications.admin_views.download`, Wagtail's document view): on disk they have no URL at all.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


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
