"""The volunteering index: the opportunities of one language, filterable, and the certificates of
service asked for and checked there."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage
from home.roles import APPLICATION_REVIEWERS

from ..views import certificates as certificate_views
from ..views import opportunities as opportunity_views
from .help_requests import HelpRequestPage
from .opportunities import TEXT_FEATURES, VolunteerOpportunityPage


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
        return opportunity_views.listing(self, request)

    @path("certificate/", name="certificate")
    def ask_for_certificate(self, request):
        return certificate_views.ask_for_certificate(self, request)

    @path("verify/", name="verify")
    def verify(self, request):
        return certificate_views.verify(self, request)

    @path("certificates/<str:code>/", name="service_certificate")
    def service_certificate(self, request, code):
        return certificate_views.service_certificate(self, request, code)

    def route_url(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)
