"""The page where an association asks for volunteers: what it needs, which skills, where, when."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.models import BasePage

from ..forms import HelpRequestForm
from ..views.opportunities import serve_help_request
from .fixed_forms import FixedForm
from .opportunities import TEXT_FEATURES


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

    form_class = HelpRequestForm

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_help_request(self, request)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return super().serve_preview(request, mode_name)
