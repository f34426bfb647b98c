import datetime

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views
from .models import Indicator, compute_all, compute_history

# The demo's activity goes back four weeks: its series are counted weekly from before it.
DEMO_HISTORY = datetime.timedelta(weeks=5)


@hooks.register("load_demo_activity", order=100)
def demo_figures(accounts):
    """Counted once the other apps' demo activity is in, as the nightly count would, with the
    series' weekly history since before the activity began."""
    today = timezone.localdate()
    compute_history(today - DEMO_HISTORY, today=today)
    return f"Computed indicators counted: {len(compute_all(today))}."


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("indicators/recompute/", admin_views.recompute, name="indicators_recompute")]


class IndicatorIndexView(IndexView):
    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if admin_views.may_recompute(self.request.user):
            buttons.append(
                Button(
                    _("Count the computed figures now"),
                    url=reverse("indicators_recompute"),
                    icon_name="rotate",
                    priority=30,
                )
            )
        return buttons


class YesNoColumn(Column):
    """Yes or no in the admin's language, where Wagtail would write True or False."""

    def get_value(self, instance):
        return _("Yes") if super().get_value(instance) else _("No")


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "order"
    menu_label = _("Indicators")
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "name",
        "unit",
        "computation",
        YesNoColumn("live", label=Indicator._meta.get_field("live").verbose_name),
    ]
    search_fields = ["name"]
    index_view_class = IndicatorIndexView


register_snippet(IndicatorViewSet)
