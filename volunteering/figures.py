"""The volunteering figures other parts of the site read (the indicators, the home page's key
figures): plain numbers, counted over every language, optionally as they stood at the end of a
day.

    from volunteering import figures
    figures.volunteers()            # people with at least one accepted sign-up
    figures.opportunities_filled()  # opportunities whose places are all taken by accepted people
    figures.hours_given()           # hours recorded by coordinators, a Decimal
    figures.all_figures()           # the three, by those names

The three are registered with home.figures (apps.py), so that editors can publish them as
computed indicators.
"""

from django.db.models import Count, Sum
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from applications.models import Status, Submission
from home.figures import end_of, register_computation

from .models import ServiceHours, VolunteerOpportunityPage


def _accepted_sign_ups(until=None):
    sign_ups = Submission.objects.filter(
        page__in=VolunteerOpportunityPage.objects.values("pk"), status=Status.ACCEPTED
    )
    if until is not None:
        sign_ups = sign_ups.filter(status_changed_at__lt=end_of(until))
    return sign_ups


def volunteers(until=None):
    """Distinct people (by email address) with at least one accepted sign-up."""
    return (
        _accepted_sign_ups(until).exclude(email="").values(lower=Lower("email")).distinct().count()
    )


def opportunities_filled(until=None):
    """Opportunities (each counted once, whatever its languages) whose accepted sign-ups reach
    the number of volunteers wanted."""
    accepted = _accepted_sign_ups(until).values("page__translation_key").annotate(count=Count("pk"))
    counts = {row["page__translation_key"]: row["count"] for row in accepted}
    wanted = (
        VolunteerOpportunityPage.objects.filter(translation_key__in=counts, alias_of__isnull=True)
        .values("translation_key", "volunteers_wanted")
        .distinct()
    )
    return len(
        {
            row["translation_key"]
            for row in wanted
            if counts[row["translation_key"]] >= row["volunteers_wanted"]
        }
    )


def hours_given(until=None):
    records = ServiceHours.objects.all()
    if until is not None:
        records = records.filter(served_on__lte=until)
    return records.aggregate(total=Sum("hours"))["total"] or 0


def all_figures(until=None):
    return {
        "volunteers": volunteers(until),
        "opportunities_filled": opportunities_filled(until),
        "hours_given": hours_given(until),
    }


def register_figures():
    """The figures as computations of the indicators: totals, whatever the programme."""
    for key, label, count, unit in (
        ("volunteers", _("Volunteers with an accepted sign-up"), volunteers, "count"),
        (
            "volunteer_opportunities_filled",
            _("Volunteer opportunities filled"),
            opportunities_filled,
            "count",
        ),
        ("volunteer_hours", _("Hours given by volunteers"), hours_given, "hours"),
    ):
        register_computation(
            key, label, lambda programme, until=None, count=count: [("", count(until))], unit=unit
        )
