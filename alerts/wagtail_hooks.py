from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.overview, name="overview"),
        path("export/", admin_views.export, name="export"),
    ],
    "alerts_admin",
)


@hooks.register("register_admin_urls")
def register_alerts_admin_urls():
    return [path("alerts/", include(admin_urls))]


@hooks.register("register_reports_menu_item")
def register_alerts_menu_item():
    return MenuItem(
        _("Alert subscribers"),
        reverse("alerts_admin:overview"),
        name="alert-subscribers",
        icon_name="mail",
        order=1320,
    )
