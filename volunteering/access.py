"""Who reviews the sign-ups and the associations' requests, and who records hours.

The coordinators an opportunity names (members of *Volunteer coordinators*) review its sign-ups
and record its volunteers' hours, in every language of the opportunity, and nothing else. The
staff reviewers a volunteering index names (members of *Application reviewers*) review every
sign-up and request under it. Site administrators see everything, as for every form
(applications/access.py, which asks `pages_reviewed_by` through its registry).
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from applications.access import is_site_administrator
from home.roles import APPLICATION_REVIEWERS, VOLUNTEER_COORDINATORS

from .models import VolunteeringIndexPage, VolunteerOpportunityPage


def coordinated_opportunities(user):
    """The opportunities (every language) whose coordinator `user` is; all for a site
    administrator."""
    opportunities = VolunteerOpportunityPage.objects.all()
    if not user.is_active:
        return opportunities.none()
    if is_site_administrator(user):
        return opportunities
    named = VolunteerOpportunityPage.coordinators.through.objects.filter(
        user=user, user__groups__name=VOLUNTEER_COORDINATORS
    ).values("volunteeropportunitypage__translation_key")
    return opportunities.filter(translation_key__in=named)


def pages_reviewed_by(user):
    """The ids of the opportunities and request pages `user` reviews as a coordinator or as a
    staff reviewer of a volunteering index (one subquery, whatever the number of indexes)."""
    reviewed_index_above = VolunteeringIndexPage.objects.filter(
        reviewers=user,
        reviewers__groups__name=APPLICATION_REVIEWERS,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    return Page.objects.filter(
        Q(pk__in=coordinated_opportunities(user).values("pk")) | Exists(reviewed_index_above)
    ).values("pk")


def may_record_hours(user, opportunity):
    return coordinated_opportunities(user).filter(pk=opportunity.pk).exists()
