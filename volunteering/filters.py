"""The opportunities' filters: skill, region, remote or on site, time a week, and whether filled
and past opportunities are listed too."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from home.filtering import BandFilter, Filters

from .signups import with_places

# Weekly commitment filters: (value, label, fewest hours, most hours or None).
COMMITMENTS = [
    ("light", _("Up to 4 hours a week"), 1, 4),
    ("medium", _("5 to 10 hours a week"), 5, 10),
    ("heavy", _("More than 10 hours a week"), 11, None),
]


class ListEverything(django_filters.Filter):
    """A box that widens the list instead of narrowing it: filter_queryset reads it."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return qs


class OpportunityFilters(Filters):
    skill = django_filters.ChoiceFilter(
        label=_("Skill"), field_name="skills__slug", empty_label=_("All skills")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="region__slug", empty_label=_("All regions")
    )
    remote = django_filters.ChoiceFilter(
        label=_("Remote or on site"),
        choices=[("yes", _("Remote only")), ("no", _("On site only"))],
        empty_label=_("Either"),
        method="by_place",
    )
    commitment = BandFilter(
        "hours_per_week", COMMITMENTS, label=_("Time a week"), empty_label=_("Any time")
    )
    all = ListEverything(label=_("Show filled and past opportunities too"))

    def __init__(self, data, opportunities, *, skills, regions, today):
        """`skills` and `regions` in the page's language; `today` ends the past opportunities."""
        self.today = today
        super().__init__(data, opportunities)
        self.offer("skill", [(skill.slug, skill.name) for skill in skills])
        self.offer("region", [(region.slug, region.name) for region in regions])

    def by_place(self, opportunities, _name, value):
        return opportunities.filter(remote=value == "yes")

    def filter_queryset(self, opportunities):
        opportunities = with_places(super().filter_queryset(opportunities))
        if not self.chosen.get("all"):
            opportunities = opportunities.filter(ends__gte=self.today, places_free__gt=0)
        return opportunities.distinct().order_by("ends", "title", "pk")
