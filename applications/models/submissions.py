"""What a form receives: a submission with its reference, review status, history and files, and
the purposes of the emails about it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from home.outbox import OutgoingEmail, outgoing, record
from home.storage import private_storage

from ..references import format_reference

# The purposes of the emails about a submission (home/outbox.py; written in emails.py).
NOTIFICATION_EMAIL = "applications.notification"
CONFIRMATION_EMAIL = "applications.confirmation"
STATUS_EMAIL = "applications.status"
REGISTRATION_EMAIL = "applications.registration"
SEAT_OFFERED_EMAIL = "applications.seat_offered"
REMINDER_EMAIL = "applications.reminder"
DRAFT_EMAIL = "applications.draft"

# What the admin calls them beside each submission.
PURPOSES = {
    NOTIFICATION_EMAIL: _("Notification to the team"),
    CONFIRMATION_EMAIL: _("Confirmation to the applicant"),
    STATUS_EMAIL: _("Status change, to the applicant"),
    REGISTRATION_EMAIL: _("Registration, to the participant"),
    SEAT_OFFERED_EMAIL: _("Place freed, to the first person waiting"),
    REMINDER_EMAIL: _("Reminder the day before the event"),
}


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReferenceCounter(models.Model):
    """The last reference number given in a year, one row per year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


def next_reference(year):
    """The next reference of the year, unique under any concurrency.

    The UPDATE takes the row's write lock (PostgreSQL) or the database's (SQLite) until the
    surrounding transaction ends, so no two submissions can read the same number; it returns the
    new number itself, so the lock is taken and read in one round trip.
    """
    # Part of the submission's transaction: no savepoint of its own to set and release.
    with transaction.atomic(savepoint=False):
        # Write first: SQLite then takes its write lock at once instead of upgrading a read.
        number = _increment(year)
        if number is None:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(year=year, last=1)
                number = 1
            except IntegrityError:  # another submission created the year's row first
                number = _increment(year)
    return format_reference(year, number)


INCREMENT = (
    'UPDATE "applications_referencecounter" SET "last" = "last" + 1'
    ' WHERE "year" = %s RETURNING "last"'
)


def _increment(year):
    """The year's counter plus one, or None when the year has no row yet."""
    with connection.cursor() as cursor:
        cursor.execute(INCREMENT, [year])
        row = cursor.fetchone()
    return row[0] if row else None


class Submission(AbstractFormSubmission):
    """One submission of a form, with its reference, review status and notes."""

    reference = models.CharField(_("reference"), max_length=24, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    notes = models.TextField(_("reviewer notes"), blank=True)
    email = models.EmailField(_("applicant's email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    token = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # The answers' digest (submissions.fingerprint): the same answers sent again soon after,
    # from the form fetched anew (the browser's back button), are the same submission.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # Erasing or expiring a submission erases its emails too.
    emails = GenericRelation(OutgoingEmail)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [
            models.Index(fields=["page", "status", "submit_time"]),
            models.Index(fields=["page", "fingerprint"]),
        ]

    def __str__(self):
        return self.reference

    def get_data(self):
        return {
            **super().get_data(),
            "reference": self.reference,
            "status": self.get_status_display(),
        }

    def set_status(self, status, user=None, note="", message=""):
        """Change the status, add a note for reviewers and/or a message to the applicant, kept
        in the history. The applicant is emailed the new status (and the message) when it
        changes or when there is a message."""
        changed = status != self.status
        if not (changed or note or message):
            return False
        with transaction.atomic():
            if changed:
                self.status = status
                self.status_changed_at = timezone.now()
            if note:
                self.notes = f"{self.notes}\n\n{note}".strip() if self.notes else note
            self.save(update_fields=["status", "status_changed_at", "notes"])
            event = self.history.create(user=user, status=self.status, note=note, message=message)
            if self.email and (changed or message):
                email = outgoing(STATUS_EMAIL, self, self.email, occasion=event.pk, event=event.pk)
                record([email])
        return changed


class SubmissionEvent(models.Model):
    """What happened to a submission: received, status changes, notes, by whom."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
    time = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    message = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        ordering = ["time", "pk"]

    def __str__(self):
        return f"{self.submission_id} {self.status} {self.time:%Y-%m-%d %H:%M}"


def upload_path(instance, filename):
    submission = instance.submission
    return f"submissions/{submission.submit_time:%Y/%m}/{submission.reference}/{filename}"


class SubmissionFile(models.Model):
    """A document uploaded with a submission, stored privately."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, upload_to=upload_path, max_length=300)
    name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name
