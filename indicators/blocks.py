from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.caching import remember
from home.lookups import active_locale

from .models import IndicatorIndexPage, Unit


class IndicatorFiguresBlock(blocks.StructBlock):
    """Key figures picked from the indicators: each shows its latest value, the date it was true
    and a link to its chart. An indicator deleted or unpublished since is left out."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    indicators = blocks.ListBlock(
        SnippetChooserBlock("indicators.Indicator", label=_("Indicator")),
        label=_("Indicators"),
    )

    class Meta:
        icon = "order"
        label = _("Key figures from the indicators")
        template = "indicators/blocks/indicator_figures.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        locale = active_locale()
        chosen = [indicator for indicator in value["indicators"] if indicator is not None]
        key = ",".join(str(indicator.pk) for indicator in chosen)
        # Every home page view shows them: read once until the content or a computed value changes.
        context["figures"] = remember(
            f"key-figures:{locale.pk}:{key}", lambda: key_figures(chosen, locale)
        )
        return context


def key_figures(chosen, locale):
    page = IndicatorIndexPage.objects.live().filter(locale=locale).first()
    figures = []
    for indicator in chosen:
        indicator = indicator.get_translation_or_none(locale) or indicator
        if not indicator.live or indicator.headline is None:
            continue
        figures.append(
            {
                "name": indicator.name,
                "value": indicator.headline,
                "percent": indicator.unit == Unit.PERCENT,
                "date": indicator.latest_date,
                "demo": indicator.demo,
                "url": page.indicator_url(indicator) if page else "",
            }
        )
    return figures
