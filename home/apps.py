from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from . import caching, lookups, signals, siteaddress  # noqa: F401

        caching.watch_shown()
        lookups.listen()
        signals.listen()
