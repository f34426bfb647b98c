"""What the search page knows of each result type beyond its text, registered by the app that
owns the type in its AppConfig.ready() (as facets are): whether it is a section (a home or index
page, ranked below content unless its title matches), and the date or state worth showing beside
it (a news item's date, an event's start, a programme's status). A type nobody registered is
content with no date: a new app's pages are searched and ranked as soon as they are indexed."""

from collections.abc import Callable
from typing import NamedTuple


class ResultType(NamedTuple):
    section: bool = False
    # when(obj) → a date or datetime shown as such, a string shown as it is, or None.
    when: Callable | None = None
    # A dated type whose newer items go slightly above older ones among equals.
    fresh: bool = False


RESULT_TYPES: dict[type, ResultType] = {}


def register_result_type(model, *, section=False, when=None, fresh=False):
    RESULT_TYPES[model] = ResultType(section, when, fresh)


def result_type(model):
    for klass in model.__mro__:
        if klass in RESULT_TYPES:
            return RESULT_TYPES[klass]
    return ResultType()
