"""The form pages: a form editors build (open while its programme is, or registering for an
event), the forms index with the status check, and the privacy policy and status check links a
form shows."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Case, When
from django.forms import CheckboxSelectMultiple
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching import as_published, kept_in_process, remember, remembered_for_page
from home.models import BasePage, SiteSettings
from home.roles import APPLICATION_REVIEWERS
from news.models import EventPage
from programmes.models import ProgrammePage

from ..forms import ApplicationFormBuilder, upload_limit
from ..references import status_link
from ..registrations import cancel_token, waiting_position
from ..views import cancel_registration, serve_form, status_check
from .fields import FieldType
from .registrations import Registration, registration_status, seats_left
from .submissions import Submission

TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


def privacy_page(request, locale_id):
    """The site's privacy policy in the form's language where translated, or None (remembered
    until the content changes: every form links to it)."""
    chosen = SiteSettings.for_request(request)

    def find():
        page = chosen.privacy_page
        if page is None:
            return None
        page = page.get_translation_or_none(locale_id) or page
        return page if page.live else None

    return remember(f"privacy-page:{chosen.pk}:{locale_id}", find)


def status_check_url(locale_id):
    def find():
        index = FormIndexPage.objects.live().filter(locale_id=locale_id).first()
        return index.url + index.reverse_subpage("status") if index else ""

    return remember(f"status-check-url:{locale_id}", find)


def forms_index(language, locale_id=None):
    """The live forms index in `language`, else in the locale given, else any; remembered until
    the content changes, as every email about a submission links to it."""

    def find():
        indexes = FormIndexPage.objects.live()
        return (
            indexes.filter(locale__language_code=language).first()
            or (locale_id and indexes.filter(locale_id=locale_id).first())
            or indexes.first()
        )

    return remember(f"forms-index:{language}:{locale_id}", lambda: (find(),))[0]


def cancel_url(registration, full=True):
    """The registration's cancellation link, on the forms index in its language."""
    index = forms_index(registration.submission.language)
    if index is None:
        return ""
    base = index.get_full_url() if full else index.url
    query = urlencode({"token": cancel_token(registration)})
    return f"{base}{index.reverse_subpage('cancel_registration')}?{query}"


class ReviewedForm(FormMixin):
    """A page whose submissions get a reference and a review status, listed for its reviewers:
    the forms editors build here, and the forms other apps write in code."""

    def get_submission_class(self):
        return Submission

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            # Only the form shows it, not its confirmation.
            privacy_page=SimpleLazyObject(lambda: privacy_page(request, self.locale_id)),
            status_url=status_check_url(self.locale_id),
        )
        return context

    def render_landing_page(self, request, form_submission=None, *args, context=None, **kwargs):
        """The confirmation, with the form's context when the view passes it (Wagtail's would
        build it a second time)."""
        if context is None:
            context = self.get_context(request)
        context["form_submission"] = form_submission
        if form_submission is not None and context.get("status_url"):
            context["status_url"] = status_link(context["status_url"], form_submission.reference)
        return TemplateResponse(request, self.get_landing_page_template(request), context)

    def get_data_fields(self):
        return [
            ("reference", _("Reference")),
            ("status", _("Status")),
            *super().get_data_fields(),
        ]

    def get_submissions_list_view_class(self):
        # Not a cycle: Wagtail's admin views cannot load before the models do (they read the
        # app registry), so this is imported when asked for, as Wagtail's own method does.
        from ..admin_views import ReviewSubmissionsListView

        return ReviewSubmissionsListView


class ApplicationFormPage(EmailFormMixin, ReviewedForm, BasePage):
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
        # Read once per request (the form, the applicant's email and the emails all need them),
        # and once until the content changes for the page as published: its rows change only
        # when it is.
        if not hasattr(self, "_form_fields"):
            self._form_fields = remembered_for_page(
                self, "form-fields", lambda: list(self.form_fields.all())
            )
        return self._form_fields

    form_builder = ApplicationFormBuilder

    def get_form_class(self):
        # Built once per language until the content changes, in each process (a class cannot go
        # in the shared cache): the form of every view and post is then only an instance of it.
        if not as_published(self):
            return super().get_form_class()
        return kept_in_process(f"form-class:{self.pk}:{get_language()}", super().get_form_class)

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

    @cached_property
    def seats_left(self):
        """Places left at its event (None without an event or a limit), read once per request:
        whether the form is open and what it says above itself both ask."""
        return None if self.event is None else seats_left(self.event)

    def availability(self, today=None):
        """(status, programme): status is "open", "upcoming" or "closed", or for an event's
        registration "full" (every place taken and no waiting list)."""
        programme = self.programme
        status = "open" if programme is None else programme.status(today)
        if status == "open" and self.event is not None:
            status = registration_status(self.event, left=self.seats_left)
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
        limits = [upload_limit(f) for f in self.get_form_fields() if f.field_type == FieldType.FILE]
        return max(limits, default=None)

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_form(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)

    def render_landing_page(self, request, form_submission=None, *args, context=None, **kwargs):
        """The confirmation; an event's registration with its place and cancellation link."""
        if context is None:
            context = self.get_context(request)
        # Only an event's form has registrations: other forms ask nothing more.
        registration = None
        if form_submission is not None and self.event is not None:
            registration = Registration.objects.filter(submission=form_submission).first()
        if registration is not None:
            context.update(
                registration=registration,
                waiting_position=waiting_position(registration),
                cancel_url=cancel_url(registration, full=False),
            )
        return super().render_landing_page(request, form_submission, context=context)


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
        return status_check(self, request)

    @path("registration/", name="cancel_registration")
    def cancel_registration(self, request):
        # The signed token is in the query: Wagtail's page paths take no colon.
        return cancel_registration(self, request, request.GET.get("token", ""))
