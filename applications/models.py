from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, When
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.functional import cached_property
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
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from config.storage import private_storage
from home.models import BasePage, SiteSettings
from home.roles import APPLICATION_REVIEWERS

from .references import format_reference

TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


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
    index = FormIndexPage.objects.live().filter(locale_id=locale_id).first()
    return index.url + index.reverse_subpage("status") if index else ""


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
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("max_upload_mb"),
        SynchronizedField("sort_order"),
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
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
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
        """The programme whose dates decide whether this form is open, or None."""
        from programmes.models import ProgrammePage

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

    def availability(self, today=None):
        """(status, programme): status is "open", "upcoming" or "closed"."""
        programme = self.programme
        if programme is None:
            return "open", None
        return programme.status(today), programme

    def is_open(self, today=None):
        return self.availability(today)[0] == "open"

    @property
    def has_file_fields(self):
        return any(f.field_type == FieldType.FILE for f in self.get_form_fields())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            privacy_page=privacy_page(request, self.locale_id),
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
    surrounding transaction ends, so no two submissions can read the same number.
    """
    with transaction.atomic():
        # Write first: SQLite then takes its write lock at once instead of upgrading a read.
        if not ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(year=year, last=1)
            except IntegrityError:  # another submission created the year's row first
                ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
        number = ReferenceCounter.objects.get(year=year).last
    return format_reference(year, number)


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
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    notification_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    email_error = models.TextField(blank=True, editable=False)

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

    @property
    def needs_confirmation(self):
        return bool(self.email) and self.confirmation_sent_at is None

    def needs_notification(self, page):
        return bool(getattr(page, "to_address", "")) and self.notification_sent_at is None

    def set_status(self, status, user=None, note=""):
        """Change the status and/or add a note, kept in the history."""
        changed = status != self.status
        if changed:
            self.status = status
            self.status_changed_at = timezone.now()
        if note:
            self.notes = f"{self.notes}\n\n{note}".strip() if self.notes else note
        if changed or note:
            self.save(update_fields=["status", "status_changed_at", "notes"])
            self.history.create(user=user, status=self.status, note=note)
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
