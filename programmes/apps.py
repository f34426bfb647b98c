from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from home.blocks import register_teaser
        from home.figures import register_group_names
        from search.facets import register_facet
        from search.results import register_result_type

        from .facets import tracks
        from .models import (
            PartnerIndexPage,
            ProgrammeIndexPage,
            ProgrammePage,
            Region,
            status_label,
        )

        register_teaser(
            "programmes",
            _("Programmes open for applications"),
            "programmes/teasers/open_programmes.html",
        )
        # Breakdowns by governorate or by track name them in the page's language.
        register_group_names(Region, "name")
        register_group_names(ProgrammePage, "track")
        register_facet("track", _("Programme track"), tracks)
        # In search results a programme shows whether it takes applications today.
        register_result_type(ProgrammePage, when=status_label)
        register_result_type(ProgrammeIndexPage, section=True)
        register_result_type(PartnerIndexPage, section=True)
