from django.urls import path
from wagtail import hooks

from .dashboard import MyDraftsPanel
from .twofactor import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("two-factor/", two_factor, name="two_factor")]


@hooks.register("construct_homepage_panels")
def staff_panels(request, panels):
    panels.append(MyDraftsPanel(request))
