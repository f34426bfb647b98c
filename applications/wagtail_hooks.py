from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from home.roles import APPLICATION_REVIEWERS

from . import admin_views
from .dashboard import NewSubmissionsPanel
from .models import ApplicationFormPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("applications/submissions/<int:pk>/", admin_views.review, name="applications_review"),
        path("applications/files/<int:pk>/", admin_views.download, name="applications_download"),
        path("applications/privacy/", admin_views.privacy, name="applications_privacy"),
    ]


@hooks.register("filter_form_submissions_for_user")
def assigned_forms(user, editable_forms):
    """Besides the forms Wagtail gives (those whose page the user may edit), a member of the
    reviewers group sees the forms naming them as a reviewer."""
    if user.pk is None:
        return editable_forms
    assigned = ApplicationFormPage.reviewers.through.objects.filter(
        user=user, user__groups__name=APPLICATION_REVIEWERS
    ).values("applicationformpage_id")
    return editable_forms | Page.objects.filter(pk__in=assigned)


@hooks.register("register_admin_urls", order=-1)
def forms_index_urls():
    """Take the place of Wagtail's forms index (same addresses, registered first) so that the
    "Forms" menu item leads reviewers to their forms."""
    return [
        path("forms/", admin_views.FormsIndexView.as_view()),
        path("forms/results/", admin_views.FormsIndexView.as_view(results_only=True)),
    ]


@hooks.register("construct_homepage_panels")
def new_submissions_panel(request, panels):
    panels.append(NewSubmissionsPanel(request))


@hooks.register("demo_staff_created")
def demo_reviewers_review_every_form(accounts):
    """`make run` shows the reviewer their forms; published, as an editor's change would be."""
    reviewers = accounts.filter(groups__name=APPLICATION_REVIEWERS)
    for page in ApplicationFormPage.objects.all():
        page.reviewers.add(*reviewers)
        page.save_revision().publish()


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
