"""Volunteer opportunities: the page where volunteers sign up, with its places, hours and
association."""

import math
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.models import BasePage
from home.roles import VOLUNTEER_COORDINATORS
from programmes.models import (
    Partner,
    Region,
    localized,
    site_today,
    source_language_only,
)

from ..forms import SignUpForm
from ..views.opportunities import serve_opportunity
from .fixed_forms import FixedForm
from .places import active_sign_ups
from .skills import MAX_HOURS_PER_WEEK, MAX_VOLUNTEERS, Skill

TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


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

    form_class = SignUpForm

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
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_opportunity(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)
