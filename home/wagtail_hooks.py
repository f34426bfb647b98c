from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .dashboard import ChangedSinceTranslatedPanel, MyDraftsPanel
from .twofactor import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("two-factor/", two_factor, name="two_factor")]


@hooks.register("construct_homepage_panels")
def staff_panels(request, panels):
    panels.append(MyDraftsPanel(request))
    panels.append(ChangedSinceTranslatedPanel(request))


@hooks.register("register_log_actions")
def login_log_actions(actions):
    actions.register_action("home.login", _("Log in"), _("Logged in"))
    actions.register_action("home.logout", _("Log out"), _("Logged out"))
    actions.register_action("home.login_failed", _("Failed login"), _("Wrong password given"))
