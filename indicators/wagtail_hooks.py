from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "order"
    menu_label = _("Indicators")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "unit", "computation", "live"]
    search_fields = ["name"]


register_snippet(IndicatorViewSet)
