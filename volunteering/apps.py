from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        # Imported once the models are: these modules define or use them.
        from applications.access import register_reviewers
        from search.facets import register_facet
        from search.services import register_service

        from .access import pages_reviewed_by
        from .facets import skills
        from .figures import register_figures
        from .models import VolunteeringIndexPage

        # Coordinators review the sign-ups of their opportunities with the forms' review pages.
        register_reviewers(pages_reviewed_by)
        register_facet("skill", _("Skill"), skills)
        register_figures()
        certificate = _("Get the certificate of your volunteering hours")
        register_service(certificate, VolunteeringIndexPage, "certificate")
        register_service(_("Check a certificate of service"), VolunteeringIndexPage, "verify")
