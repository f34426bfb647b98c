from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications and forms")

    def ready(self):
        # Imported once the models are: these modules define or use them.
        from home.blocks import register_body_block
        from search.results import register_result_type
        from search.services import register_service

        from . import emails, signals  # noqa: F401
        from .blocks import EmbeddedFormBlock
        from .figures import register_figures
        from .models import FormIndexPage

        emails.register_emails()
        # Any page's body may show a form page's form (a contact form, an event's registration).
        register_body_block("form", EmbeddedFormBlock())
        # What the indicators may count of the applications (home/figures.py).
        register_figures()
        register_result_type(FormIndexPage, section=True)
        register_service(_("Check the status of a submission"), FormIndexPage, "status")
