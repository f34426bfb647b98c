"""Applications' models, by concept: fields.py (the fields of a form), pages.py (the form pages
and the forms index), submissions.py (submissions, their history, files and emails),
registrations.py (an event's places and registrations) and drafts.py (answers saved to finish
later).

Inside the app, the form pages sit on top: they serve and route to the views (views.py), which
use the services (submissions.py, registrations.py, drafts.py, access.py), which use the data
models here. What a page type imports therefore imports the data modules it needs
(`.models.submissions`, …), never this package or pages.py: both are still loading then."""

# Migration 0001 names the storage of the submissions' files applications.models.private_storage.
from home.storage import private_storage

from .drafts import Draft, DraftFile, draft_upload_path
from .fields import ApplicationFormField, FieldType
from .pages import (
    TEXT_FEATURES,
    ApplicationFormPage,
    FormIndexPage,
    ReviewedForm,
    cancel_url,
    forms_index,
    privacy_page,
    status_check_url,
)
from .registrations import Registration, Seats, registration_status, seats_left, seats_taken
from .submissions import (
    CONFIRMATION_EMAIL,
    DRAFT_EMAIL,
    INCREMENT,
    NOTIFICATION_EMAIL,
    PURPOSES,
    REGISTRATION_EMAIL,
    REMINDER_EMAIL,
    SEAT_OFFERED_EMAIL,
    STATUS_EMAIL,
    ReferenceCounter,
    Status,
    Submission,
    SubmissionEvent,
    SubmissionFile,
    next_reference,
    upload_path,
)

__all__ = [
    "CONFIRMATION_EMAIL",
    "PURPOSES",
    "DRAFT_EMAIL",
    "INCREMENT",
    "NOTIFICATION_EMAIL",
    "REGISTRATION_EMAIL",
    "REMINDER_EMAIL",
    "SEAT_OFFERED_EMAIL",
    "STATUS_EMAIL",
    "TEXT_FEATURES",
    "ApplicationFormField",
    "ApplicationFormPage",
    "Draft",
    "DraftFile",
    "FieldType",
    "FormIndexPage",
    "ReferenceCounter",
    "Registration",
    "ReviewedForm",
    "Seats",
    "Status",
    "Submission",
    "SubmissionEvent",
    "SubmissionFile",
    "draft_upload_path",
    "next_reference",
    "privacy_page",
    "private_storage",
    "registration_status",
    "seats_left",
    "seats_taken",
    "cancel_url",
    "forms_index",
    "status_check_url",
    "upload_path",
]
