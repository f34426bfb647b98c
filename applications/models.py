from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, When
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching import remember
from home.models import BasePage, SiteSettings
from home.outbox import OutgoingEmail, outgoing, record
from home.roles import APPLICATION_REVIEWERS
from home.storage import private_storage
from news.models import EventPage
from programmes.models import ProgrammePage

from .references import format_reference

TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]

# The purposes of the emails about a submission (home/outbox.py; written in emails.py).
NOTIFICATION_EMAIL = "applications.notification"
CONFIRMATION_EMAIL = "applications.confirmation"
STATUS_EMAIL = "applications.status"
REGISTRATION_EMAIL = "applications.registration"
SEAT_OFFERED_EMAIL = "applications.seat_offered"
REMINDER_EMAIL = "applications.reminder"
DRAFT_EMAIL = "applications.draft"


class FieldType(models.TextChoices):
    SINGLE_LINE = "singleline", _("Single line text")
    MULTI_LINE = "multiline", _("Multi-line text")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone number")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    DROPDOWN = "dropdown", _("Drop down")
    RADIO = "radio", _("Radio buttons")
    CHECKBOXES = "checkboxes", _("Checkboxes")
    REGION = "region", _("Region")
    CONSENT = "consent", _("Consent to the privacy policy")
    FILE = "file", _("File upload")


def privacy_page(request, locale_id):
    """The site's privacy policy in the form's language where translated, or None."""
    page = SiteSettings.for_request(request).privacy_page
    if page is None:
        return None
    page = page.get_translation_or_none(locale_id) or page
    return page if page.live else None


def status_check_url(locale_id):
    def find():
        index = FormIndexPage.objects.live().filter(locale_id=locale_id).first()
        return index.url + index.reverse_subpage("status") if index else ""

    return remember(f"status-check-url:{locale_id}", find)


class ApplicationFormField(TranslatableMixin, AbstractFormField):
    """One field of a form. Its words are translated with the page; what decides how an answer
    is checked and stored stays the same in every language, so that the submissions of all the
    translations share their keys in the review list and the exports."""

    page = ParentalKey("ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=FieldType.choices)
    field_type.required_on_save = True
    max_upload_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        default=10,
        help_text=_("For file uploads only."),
    )

    panels = [
        *AbstractFormField.panels,
        FieldPanel("max_upload_mb"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("max_upload_mb", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class ApplicationFormPage(EmailFormMixin, FormMixin, BasePage):
    """A form editors build in the admin: an application, a survey, a complaint, a registration.

    Under a programme (or chosen as a programme's application form) it is open exactly while the
    programme is.
    """

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(
        _("confirmation text"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Shown with the reference number once the form is sent."),
    )
    submit_label = models.CharField(_("submit button text"), max_length=60, blank=True)
    allow_drafts = models.BooleanField(
        _("applicants may save and finish later"),
        default=False,
        help_text=_(
            "For long forms: an applicant may save the answers and files, and is emailed a link "
            "to finish on any device within 30 days. The form needs an email field."
        ),
    )
    reviewers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewers"),
        blank=True,
        limit_choices_to={"groups__name": APPLICATION_REVIEWERS},
        related_name="reviewed_forms",
        help_text=_(
            "Members of the Application reviewers group who may see and review this form's "
            "submissions, from the time the page is published."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("reviewers", widget=CheckboxSelectMultiple),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("allow_drafts"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification email to the programme team"),
            permission="superuser",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("submit_label"),
        TranslatableField("form_fields"),
        TranslatableField("subject"),
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("allow_drafts", overridable=False),
        # A translation starts with the source form's reviewers and takes them again when synced.
        SynchronizedField("reviewers", overridable=False),
    ]

    parent_page_types = [
        "applications.FormIndexPage",
        "programmes.ProgrammePage",
        "home.HomePage",
        "home.StandardPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    # The form builder reads these: see forms.py.
    def get_form_fields(self):
        # Read once per request: the form, the applicant's email and the emails all need them.
        if not hasattr(self, "_form_fields"):
            self._form_fields = list(self.form_fields.all())
        return self._form_fields

    def get_submission_class(self):
        return Submission

    @property
    def form_builder(self):
        from .forms import ApplicationFormBuilder

        return ApplicationFormBuilder

    @cached_property
    def programme(self):
        """The programme whose dates decide whether this form is open, or None; found once
        until the content changes, as every post to the form asks."""
        return remember(f"programme-of-form:{self.pk}", lambda: (self.find_programme(),))[0]

    def find_programme(self):
        parent = self.get_parent()
        if parent is not None and isinstance(parent.specific_deferred, ProgrammePage):
            return parent.specific_deferred
        keys = ApplicationFormPage.objects.filter(translation_key=self.translation_key)
        # The programme in the form's language first, else the oldest: one query either way.
        same_language = Case(When(locale_id=self.locale_id, then=0), default=1)
        return (
            ProgrammePage.objects.filter(application_page__in=keys)
            .order_by(same_language, "pk")
            .first()
        )

    @cached_property
    def event(self):
        """The event this form registers for, or None; in the form's language where translated.
        Found once until the content changes, as every post to the form asks."""
        return remember(f"event-of-form:{self.pk}", lambda: (self.find_event(),))[0]

    def find_event(self):
        keys = Page.objects.filter(translation_key=self.translation_key)
        same_language = Case(When(locale_id=self.locale_id, then=0), default=1)
        return (
            EventPage.objects.filter(registration_page__in=keys)
            .order_by(same_language, "pk")
            .first()
        )

    def availability(self, today=None):
        """(status, programme): status is "open", "upcoming" or "closed", or for an event's
        registration "full" (every place taken and no waiting list)."""
        programme = self.programme
        status = "open" if programme is None else programme.status(today)
        if status == "open" and self.event is not None:
            status = registration_status(self.event)
        return status, programme

    def is_open(self, today=None):
        return self.availability(today)[0] == "open"

    @property
    def has_file_fields(self):
        return self.file_field_count > 0

    @property
    def file_field_count(self):
        return sum(f.field_type == FieldType.FILE for f in self.get_form_fields())

    @property
    def largest_file(self):
        """The largest file any of its file fields takes, in bytes; None without file fields."""
        from .forms import upload_limit

        limits = [upload_limit(f) for f in self.get_form_fields() if f.field_type == FieldType.FILE]
        return max(limits, default=None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            # Only the form shows it, not its confirmation.
            privacy_page=SimpleLazyObject(lambda: privacy_page(request, self.locale_id)),
            status_url=status_check_url(self.locale_id),
        )
        return context

    def serve(self, request, *args, **kwargs):
        from .views import serve_form

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_form(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)

    def get_data_fields(self):
        return [
            ("reference", _("Reference")),
            ("status", _("Status")),
            *super().get_data_fields(),
        ]

    def get_submissions_list_view_class(self):
        from .admin_views import ReviewSubmissionsListView

        return ReviewSubmissionsListView


class FormIndexPage(RoutablePageMixin, BasePage):
    """The forms of one language (surveys, complaints, contact) and the status check."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["applications.ApplicationFormPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("forms index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forms"] = ApplicationFormPage.objects.child_of(self).live().public()
        context["status_url"] = self.url + self.reverse_subpage("status")
        return context

    @path("status/", name="status")
    def status_check(self, request):
        from .views import status_check

        return status_check(self, request)

    @path("registration/", name="cancel_registration")
    def cancel_registration(self, request):
        from .views import cancel_registration

        # The signed token is in the query: Wagtail's page paths take no colon.
        return cancel_registration(self, request, request.GET.get("token", ""))


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
    # Erasing or expiring a submission erases its emails too.
    emails = GenericRelation(OutgoingEmail)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [models.Index(fields=["page", "status", "submit_time"])]

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


class Seats(models.Model):
    """The places taken at one event, in all its languages: the row each registration and each
    cancellation locks, so that no place is given twice."""

    event_key = models.UUIDField(primary_key=True)
    taken = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.event_key}: {self.taken}"


def seats_taken(event):
    return (
        Seats.objects.filter(event_key=event.translation_key)
        .values_list("taken", flat=True)
        .first()
        or 0
    )


def seats_left(event):
    """Places still free at the event, or None when it has no limit."""
    if not event.capacity:
        return None
    return max(event.capacity - seats_taken(event), 0)


def registration_status(event, now=None):
    """ "open", "closed" (past the deadline or started) or "full" (no place and no waiting
    list); with a waiting list a full event stays open to it."""
    if (now or timezone.now()) >= event.registration_closes:
        return "closed"
    if not event.waiting_list and seats_left(event) == 0:
        return "full"
    return "open"


class Registration(models.Model):
    """A place at an event (or on its waiting list) taken by one submission of its form."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="registration"
    )
    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    # The event's translation key: registrations in every language share its places.
    event_key = models.UUIDField(db_index=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event_key", "state", "created_at"])]

    def __str__(self):
        return f"{self.submission_id} {self.state}"


class Draft(models.Model):
    """Answers and files saved to finish later: never a submission, never seen by reviewers;
    deleted when it expires (purge_drafts)."""

    page = models.ForeignKey(ApplicationFormPage, on_delete=models.CASCADE, related_name="+")
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
