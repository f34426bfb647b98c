from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.slots import register_slot

        from . import emails, signals  # noqa: F401 - signal receivers

        emails.register_emails()
        register_slot("programme_page", "alerts/slots/programme_page.html")
        register_slot("programme_index", "alerts/slots/programme_index.html")
        register_slot("news_index", "alerts/slots/news_index.html")
        register_slot("event_index", "alerts/slots/event_index.html")
        register_slot("event_page", "alerts/slots/event_page.html")
        register_slot("footer", "alerts/slots/footer.html")
