from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators and open data")

    def ready(self):
        from home.blocks import register_body_block

        from .blocks import IndicatorFiguresBlock

        # The home page's key figures: chosen indicators with their latest value and its date.
        register_body_block("indicator_figures", IndicatorFiguresBlock())
