from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.utils import get_forms_for_user

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("applications/submissions/<int:pk>/", admin_views.review, name="applications_review"),
        path("applications/files/<int:pk>/", admin_views.download, name="applications_download"),
        path("applications/privacy/", admin_views.privacy, name="applications_privacy"),
    ]


class ApplicantDataMenuItem(MenuItem):
    def is_shown(self, request):
        return get_forms_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_applicant_data_menu_item():
    return ApplicantDataMenuItem(
        _("Applicant data"),
        reverse("applications_privacy"),
        name="applicant-data",
        icon_name="user",
        order=710,
    )
