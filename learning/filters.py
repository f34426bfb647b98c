"""The catalogue's filters: topic, level and length, read from the query string."""

import django_filters
from django.utils.translation import gettext_lazy as _

from home.filtering import BandFilter, Filters

from .choices import DURATIONS, LEVELS, TOPICS


class CatalogueFilters(Filters):
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=TOPICS, empty_label=_("All topics")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=LEVELS, empty_label=_("All levels")
    )
    duration = BandFilter(
        "duration_minutes", DURATIONS, label=_("Length"), empty_label=_("Any length")
    )
