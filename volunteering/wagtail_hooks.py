from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.roles import APPLICATION_REVIEWERS, VOLUNTEER_COORDINATORS

from . import admin_views, demo_activity
from .access import coordinated_opportunities
from .models import VolunteeringIndexPage, VolunteerOpportunityPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("volunteering/hours/", admin_views.hours_index, name="volunteering_hours_index"),
        path(
            "volunteering/hours/<int:pk>/",
            admin_views.opportunity_hours,
            name="volunteering_hours",
        ),
        path(
            "volunteering/hours/<int:pk>/withdraw/<int:entry>/",
            admin_views.withdraw_entry,
            name="volunteering_withdraw_hours",
        ),
        path("volunteering/requests/", admin_views.requests_index, name="volunteering_requests"),
        path(
            "volunteering/requests/<int:pk>/opportunity/",
            admin_views.make_opportunity,
            name="volunteering_make_opportunity",
        ),
    ]


@hooks.register("load_demo_activity", order=10)
def demo_volunteers(accounts):
    """After the demo submissions, sign-ups included."""
    coordinator = accounts.filter(groups__name=VOLUNTEER_COORDINATORS).first()
    return f"Demo volunteers: hours and certificates of {len(demo_activity.load(coordinator))}."


class HoursMenuItem(MenuItem):
    def is_shown(self, request):
        return coordinated_opportunities(request.user).exists()


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.request_pages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_hours_menu_item():
    return HoursMenuItem(
        _("Volunteer hours"),
        reverse("volunteering_hours_index"),
        name="volunteer-hours",
        icon_name="time",
        order=720,
    )


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return RequestsMenuItem(
        _("Associations' requests"),
        reverse("volunteering_requests"),
        name="volunteering-requests",
        icon_name="help",
        order=730,
    )


@hooks.register("demo_staff_created")
def demo_coordinator_and_reviewer(accounts):
    """`make run` gives the coordinator every demo opportunity and the reviewer the volunteering
    section; published, as an editor's change would be."""
    coordinators = accounts.filter(groups__name=VOLUNTEER_COORDINATORS)
    # Aliases mirror their source, which is changed here already.
    for page in VolunteerOpportunityPage.objects.filter(alias_of__isnull=True):
        page.coordinators.add(*coordinators)
        page.save_revision().publish()
    reviewers = accounts.filter(groups__name=APPLICATION_REVIEWERS)
    for page in VolunteeringIndexPage.objects.filter(alias_of__isnull=True):
        page.reviewers.add(*reviewers)
        page.save_revision().publish()
