"""The programmes' listing filters (track, status, governorate, target group), and the status in
SQL that every list of programmes sorts and filters by (the listing, the home page's teasers).

No model is imported here: the listing page, which builds these filters, gives the programmes and
the governorates and target groups it offers.
"""

import django_filters
from django.db import models
from django.db.models import Case, F, Q, TextField, When
from django.db.models.functions import Cast, Length
from django.utils.translation import gettext_lazy as _

from home.filtering import Filters

from . import status

STATUS_RANKS = {status.OPEN: 0, status.UPCOMING: 1, status.ANNOUNCED: 2, status.CLOSED: 3}
STATUS_LABELS = {
    status.OPEN: _("Open"),
    status.UPCOMING: _("Upcoming"),
    status.ANNOUNCED: _("Announced"),
    status.CLOSED: _("Closed"),
}


def with_status(programmes, today):
    """Annotate the status (as a rank: open, upcoming, announced, closed) and the date each sorts
    by: open ones closing soonest first, upcoming ones opening soonest, closed ones latest first.
    The same rules as status.programme_status, in SQL: no joining steps ("[]" as text), or no
    date at all, is announced."""
    return (
        programmes.annotate(steps_length=Length(Cast("joining_steps", TextField())))
        .annotate(
            status_rank=Case(
                When(Q(opens__isnull=True, closes__isnull=True) | Q(steps_length__lte=2), then=2),
                When(opens__gt=today, then=1),
                When(closes__lt=today, then=3),
                default=0,
                output_field=models.IntegerField(),
            )
        )
        .annotate(
            open_order=Case(When(status_rank=0, then=F("closes"))),
            upcoming_order=Case(When(status_rank=1, then=F("opens"))),
            closed_order=Case(When(status_rank=3, then=F("closes"))),
        )
    )


class ProgrammeFilters(Filters):
    """The listing's filters; `tracks`, `statuses`, `regions` and `groups` are what it offers."""

    track = django_filters.ChoiceFilter()
    status = django_filters.ChoiceFilter(method="of_status", choices=list(STATUS_LABELS.items()))
    region = django_filters.ChoiceFilter(field_name="regions__slug")
    group = django_filters.ChoiceFilter(field_name="target_groups__slug")

    def __init__(self, data, programmes, *, today, tracks, regions, groups):
        """`regions` and `groups` in the page's language; `today` decides each status."""
        self.tracks = tracks
        self.statuses = list(STATUS_LABELS.items())
        self.regions = regions
        self.groups = groups
        super().__init__(data, with_status(programmes, today))
        self.offer("track", [(track, track) for track in self.tracks])
        self.offer("region", [(region.slug, region.name) for region in regions])
        self.offer("group", [(group.slug, group.name) for group in groups])

    def of_status(self, programmes, _name, value):
        return programmes.filter(status_rank=STATUS_RANKS[value])

    def filter_queryset(self, programmes):
        return (
            super()
            .filter_queryset(programmes)
            .distinct()
            .order_by(
                "status_rank",
                F("open_order").asc(nulls_last=True),
                F("upcoming_order").asc(nulls_last=True),
                F("closed_order").desc(nulls_last=True),
                "title",
            )
            .prefetch_related("target_groups")
        )
