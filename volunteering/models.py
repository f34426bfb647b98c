"""Volunteer opportunities, the associations' requests for help, volunteers' hours and their
certificates of service.

A sign-up and an association's request are submissions of the site's forms (applications): they
get a reference number, a confirmation email, the status check and the reviewers' pages. Places,
hours and certificates are this app's own.
"""

import datetime
import math
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from applications.models import Status, Submission
from home.blocks import BodyBlock
from home.codes import new_code, normalise_code
from home.models import BasePage
from home.roles import APPLICATION_REVIEWERS, VOLUNTEER_COORDINATORS
from programmes.models import (
    NamedSnippet,
    Partner,
    Region,
    localized,
    site_today,
    source_language_only,
)

TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]

# A sign-up holds a place from the moment it is sent until it is rejected or withdrawn.
HOLDING_PLACE = (Status.RECEIVED, Status.UNDER_REVIEW, Status.ACCEPTED)

MAX_HOURS_PER_WEEK = 40
MAX_VOLUNTEERS = 500


@register_snippet
class Skill(NamedSnippet):
    """What a volunteer brings: web development, device repair, training, data, design..."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_skill_slug_locale")
        ]


class VolunteeringIndexPage(RoutablePageMixin, BasePage):
    """The opportunities of one language, filterable without JavaScript, and the certificates of
    service: asked for with a sign-up's reference, checked by anyone with their code."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    reviewers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff reviewers"),
        blank=True,
        limit_choices_to={"groups__name": APPLICATION_REVIEWERS},
        related_name="reviewed_volunteering",
        help_text=_(
            "Members of the Application reviewers group who review the sign-ups of every "
            "opportunity here and the associations' requests, from the time the page is "
            "published."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("reviewers", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("reviewers", overridable=False),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["volunteering.VolunteerOpportunityPage", "volunteering.HelpRequestPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("volunteering index")

    def opportunities(self):
        return VolunteerOpportunityPage.objects.child_of(self).live().public()

    def help_request_page(self):
        return HelpRequestPage.objects.child_of(self).live().public().first()

    @path("", name="opportunities")
    def listing(self, request):
        from .views import listing

        return listing(self, request)

    @path("certificate/", name="certificate")
    def ask_for_certificate(self, request):
        from .views import ask_for_certificate

        return ask_for_certificate(self, request)

    @path("verify/", name="verify")
    def verify(self, request):
        from .views import verify

        return verify(self, request)

    @path("certificates/<str:code>/", name="service_certificate")
    def service_certificate(self, request, code):
        from .views import service_certificate

        return service_certificate(self, request, code)

    def route_url(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)


class FixedField:
    """A field of a form written in code, as the form machinery lists answers and exports."""

    def __init__(self, clean_name, label, field_type):
        self.clean_name, self.label, self.field_type = clean_name, label, field_type


class FixedForm(FormMixin):
    """A page taking submissions through the site's form machinery with fields written in code:
    the same for every opportunity, so that no editor has to build a sign-up form."""

    # Emails about the submissions come from the site's address (applications/emails.py).
    from_address = ""
    form_class = None
    # Not an event's registration: the submission takes no place (applications/registrations.py).
    event = None

    def get_form_class(self):
        return self.form_class

    def get_form_fields(self):
        return [
            FixedField(name, field.label, field.kind)
            for name, field in self.get_form_class().base_fields.items()
        ]

    def get_submission_class(self):
        return Submission

    def get_data_fields(self):
        return [
            ("reference", _("Reference")),
            ("status", _("Status")),
            *super().get_data_fields(),
        ]

    def get_submissions_list_view_class(self):
        from applications.admin_views import ReviewSubmissionsListView

        return ReviewSubmissionsListView


class OpportunityForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("remote") and not cleaned_data.get("region"):
            self.add_error("region", _("Choose the region, or tick “Remote”."))
        return cleaned_data


class VolunteerOpportunityPage(FixedForm, BasePage):
    """What an association asks of volunteers, and where volunteers sign up for it."""

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("association asking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_opportunities",
        limit_choices_to=source_language_only,
    )
    skills = ParentalManyToManyField(
        Skill,
        verbose_name=_("skills needed"),
        blank=True,
        related_name="opportunities",
        limit_choices_to=source_language_only,
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_opportunities",
        limit_choices_to=source_language_only,
    )
    remote = models.BooleanField(_("remote"), default=False, help_text=_("Done from anywhere."))
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    starts = models.DateField(_("starts on"))
    ends = models.DateField(_("ends on"), help_text=_("After this day nobody can sign up."))
    volunteers_wanted = models.PositiveSmallIntegerField(
        _("volunteers wanted"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VOLUNTEERS)],
    )
    gains = RichTextField(_("what the volunteer gains"), blank=True, features=TEXT_FEATURES)
    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))
    coordinators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        limit_choices_to={"groups__name": VOLUNTEER_COORDINATORS},
        related_name="coordinated_opportunities",
        help_text=_(
            "Members of the volunteer coordinators group who review this opportunity's sign-ups "
            "and record the volunteers' hours, from the time the page is published."
        ),
    )
    from_request = models.CharField(
        _("from the request"),
        max_length=24,
        blank=True,
        editable=False,
        help_text=_("The reference of the association's request this opportunity answers."),
    )

    base_form_class = OpportunityForm
    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("partner"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("region"), FieldPanel("remote")], heading=_("Where")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
                FieldRowPanel([FieldPanel("hours_per_week"), FieldPanel("volunteers_wanted")]),
            ],
            heading=_("Commitment"),
        ),
        FieldPanel("gains"),
        FieldPanel("body"),
        FieldPanel("coordinators", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("gains"),
        index.SearchField("body"),
        index.FilterField("remote"),
        index.FilterField("ends"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("partner", overridable=False),
        SynchronizedField("skills", overridable=False),
        SynchronizedField("region", overridable=False),
        SynchronizedField("remote", overridable=False),
        SynchronizedField("hours_per_week", overridable=False),
        SynchronizedField("starts", overridable=False),
        SynchronizedField("ends", overridable=False),
        SynchronizedField("volunteers_wanted", overridable=False),
        TranslatableField("gains"),
        TranslatableField("body"),
        SynchronizedField("coordinators", overridable=False),
    ]
    api_fields = [
        APIField("summary"),
        APIField("remote"),
        APIField("hours_per_week"),
        APIField("starts"),
        APIField("ends"),
        APIField("volunteers_wanted"),
        APIField("places_left"),
        APIField("skill_names"),
        APIField("region_name"),
        APIField("association_name"),
    ]

    parent_page_types = ["volunteering.VolunteeringIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")

    @property
    def form_class(self):
        from .forms import SignUpForm

        return SignUpForm

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The opportunity cannot end before it starts.")})

    # What the index annotates for many pages at once (signups.with_places); asked alone here.
    @cached_property
    def places_taken(self):
        return active_sign_ups(self).count()

    @property
    def places_left(self):
        return max(self.volunteers_wanted - self.places_taken, 0)

    def is_past(self, today=None):
        return self.ends < (today or site_today())

    @property
    def skill_names(self):
        return [skill.name for skill in self.localized_skills]

    @cached_property
    def localized_skills(self):
        return localized(list(self.skills.all()), self.locale_id)

    @property
    def region_name(self):
        region = self.shown_region
        return region.name if region else ""

    @cached_property
    def shown_region(self):
        return localized([self.region], self.locale_id)[0] if self.region_id else None

    @cached_property
    def shown_partner(self):
        return localized([self.partner], self.locale_id)[0] if self.partner_id else None

    @property
    def association_name(self):
        partner = self.shown_partner
        return partner.name if partner else ""

    def most_hours(self):
        """The most hours one volunteer can give to this opportunity: its hours a week for each
        week it runs, a started week counting whole."""
        weeks = math.ceil(((self.ends - self.starts).days + 1) / 7)
        return Decimal(self.hours_per_week * max(weeks, 1))

    def serve(self, request, *args, **kwargs):
        from .views import serve_opportunity

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_opportunity(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)


class HelpRequestPage(FixedForm, BasePage):
    """Where an association asks for volunteers: what it needs, which skills, where, when."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FormSubmissionsPanel(), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]
    parent_page_types = ["volunteering.VolunteeringIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("request for volunteers")

    @property
    def form_class(self):
        from .forms import HelpRequestForm

        return HelpRequestForm

    def serve(self, request, *args, **kwargs):
        from .views import serve_help_request

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_help_request(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)


def translations_of(page):
    return Page.objects.filter(translation_key=page.translation_key)


def active_sign_ups(opportunity):
    """The sign-ups holding a place, in every language of the opportunity."""
    return Submission.objects.filter(
        page__in=translations_of(opportunity), status__in=HOLDING_PLACE
    )


class OpportunityLock(models.Model):
    """One row per opportunity (all its languages), written first by every sign-up and every
    record of hours: the write lock it takes lets one of them at a time count the places left or
    the hours given, on PostgreSQL (the row's lock) as on SQLite (the database's)."""

    opportunity = models.UUIDField(primary_key=True)
    writes = models.PositiveIntegerField(default=0)

    def __str__(self):
        return str(self.opportunity)


def lock(opportunity):
    """Hold the opportunity's write lock until the surrounding transaction ends."""
    key = opportunity.translation_key
    with transaction.atomic(savepoint=False):
        # Write first: SQLite then takes its write lock at once instead of upgrading a read.
        if not OpportunityLock.objects.filter(opportunity=key).update(writes=F("writes") + 1):
            try:
                with transaction.atomic():
                    OpportunityLock.objects.create(opportunity=key, writes=1)
            except IntegrityError:  # another write created the row first
                OpportunityLock.objects.filter(opportunity=key).update(writes=F("writes") + 1)


class ServiceHours(models.Model):
    """Hours a volunteer gave to an opportunity, as its coordinator recorded them."""

    sign_up = models.ForeignKey(
        Submission,
        verbose_name=_("sign-up"),
        on_delete=models.CASCADE,
        related_name="service_hours",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    served_on = models.DateField(_("served on"), default=datetime.date.today)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        ordering = ["served_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="service_hours_positive")
        ]

    def __str__(self):
        return f"{self.sign_up_id}: {self.hours}"


class CertificateQuerySet(models.QuerySet):
    def find(self, code):
        """The certificate with this code as typed, or None (malformed codes never reach the
        database)."""
        code = normalise_code(code or "")
        if code is None:
            return None
        return self.filter(code=code).first()


class ServiceCertificate(models.Model):
    """A certificate of service: who gave how many hours to which opportunity, checked by anyone
    who has its code. What it says is kept, so that it still verifies after the opportunity or
    the sign-up is gone."""

    code = models.CharField(
        _("verification code"), max_length=24, unique=True, default=new_code, editable=False
    )
    sign_up = models.ForeignKey(
        Submission,
        verbose_name=_("sign-up"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_certificates",
    )
    name = models.CharField(_("volunteer's name"), max_length=120)
    opportunity_title = models.CharField(_("opportunity"), max_length=255)
    association = models.CharField(_("association"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of service")
        verbose_name_plural = _("certificates of service")

    def __str__(self):
        return self.code
