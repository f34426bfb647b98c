"""The news and events settings of a site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from home.models import SiteSetting


@register_setting(icon="date")
class NewsSettings(SiteSetting):
    show_hijri_dates = models.BooleanField(
        _("show Hijri dates"),
        default=False,
        help_text=_("Show the Hijri date beside the Gregorian date of news and events."),
    )

    panels = [FieldPanel("show_hijri_dates")]

    class Meta:
        verbose_name = _("news and events settings")
