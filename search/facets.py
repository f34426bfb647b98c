"""Facets a feature app adds to the search page, beside the type and the year, registered in its
AppConfig.ready() (the programmes app adds the programme track)."""

from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.db.models import QuerySet


class Facet(NamedTuple):
    label: str
    # values(pages) → (page id, value) for each of `pages` that has a value.
    values: Callable[[QuerySet], Iterable[tuple[int, str]]]


# The query parameter of each facet → the facet, shown in registration order.
FACETS: dict[str, Facet] = {}


def register_facet(parameter, label, values):
    FACETS[parameter] = Facet(label, values)
