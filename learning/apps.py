from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("E-learning")

    def ready(self):
        from home.blocks import register_teaser
        from search.results import register_result_type
        from search.services import register_service

        from .figures import register_figures
        from .models import LearningIndexPage

        register_figures()
        register_teaser("modules", _("Learning modules"), "learning/teasers/featured_modules.html")
        register_result_type(LearningIndexPage, section=True)
        register_service(_("Check a certificate of completion"), LearningIndexPage, "verify")
