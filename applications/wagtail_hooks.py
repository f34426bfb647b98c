from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.roles import APPLICATION_REVIEWERS

from . import admin_views, attendees, demo_activity
from .access import reviewable_forms
from .dashboard import NewSubmissionsPanel
from .models import ApplicationFormPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("applications/submissions/<int:pk>/", admin_views.review, name="applications_review"),
        path("applications/files/<int:pk>/", admin_views.download, name="applications_download"),
        path("applications/privacy/", admin_views.privacy, name="applications_privacy"),
        path("applications/events/", attendees.events_index, name="applications_events"),
        path("applications/events/<int:pk>/", attendees.attendees, name="applications_attendees"),
    ]


@hooks.register("register_log_actions")
def erasure_log_action(actions):
    actions.register_action(
        "applications.erase", _("Erase applicant data"), _("Applicant data erased")
    )


@hooks.register("filter_form_submissions_for_user")
def reviewers_and_administrators_only(user, editable_forms):
    """Wagtail's form views (index, submissions, exports, deletion, menu) follow the site's rule,
    not Wagtail's: editing a form page gives no access to its submissions."""
    return reviewable_forms(user)


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


@hooks.register("load_demo_activity")
def demo_applicants(accounts):
    return f"Demo submissions: {len(demo_activity.load(accounts))}."


class ApplicantDataMenuItem(MenuItem):
    def is_shown(self, request):
        return reviewable_forms(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_applicant_data_menu_item():
    return ApplicantDataMenuItem(
        _("Applicant data"),
        reverse("applications_privacy"),
        name="applicant-data",
        icon_name="user",
        order=710,
    )


class EventRegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(attendees.visible_events(request.user))


@hooks.register("register_admin_menu_item")
def register_event_registrations_menu_item():
    return EventRegistrationsMenuItem(
        _("Event registrations"),
        reverse("applications_events"),
        name="event-registrations",
        icon_name="date",
        order=705,
    )
