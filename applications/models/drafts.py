"""Drafts: a form's answers and files saved to finish later, kept apart from the submissions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.outbox import OutgoingEmail
from home.storage import private_storage

from .submissions import Submission


class Draft(models.Model):
    """Answers and files saved to finish later: never a submission, never seen by reviewers;
    deleted when it expires (purge_drafts)."""

    page = models.ForeignKey(
        "applications.ApplicationFormPage", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(_("email"))
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    form_data = models.JSONField(default=dict, blank=True)
    saves = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    # Once sent, the draft keeps only which submission it became, to say so to its link.
    submission = models.OneToOneField(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    emails = GenericRelation(OutgoingEmail)

    def __str__(self):
        return f"draft {self.pk} of {self.page_id}"


def draft_upload_path(instance, filename):
    return f"drafts/{instance.draft.key[:16]}/{filename}"


class DraftFile(models.Model):
    """A document uploaded with a draft, stored privately like a submission's."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, upload_to=draft_upload_path, max_length=300)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name
