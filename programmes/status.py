"""Where a programme stands on a given day. Plain Python: no Django import.

A programme is *announced* while its joining mechanism is not known: it has no joining steps, or
neither an opening nor a closing date. Otherwise both dates are inclusive: it is open on the day it
opens and on the day it closes; a missing opening date means it is already open, a missing closing
date that it never closes. Nothing of this is stored: it follows from the page and the day.
"""

from datetime import date

ANNOUNCED = "announced"
UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"
STATUSES = (ANNOUNCED, UPCOMING, OPEN, CLOSED)


def programme_status(
    opens: date | None, closes: date | None, today: date, has_steps: bool = True
) -> str:
    if not has_steps or (opens is None and closes is None):
        return ANNOUNCED
    if opens is not None and today < opens:
        return UPCOMING
    if closes is not None and today > closes:
        return CLOSED
    return OPEN


def days_left(closes: date | None, today: date) -> int | None:
    """Whole days until the closing day (0 on the closing day itself), None without one."""
    if closes is None:
        return None
    return (closes - today).days


def missing_way_to_apply(form: bool, link: bool, link_label: bool, in_person: bool) -> list[str]:
    """What an open programme lacks for visitors to apply, by name: nothing when it has its
    application form, an external link with its label, or an in-person instruction."""
    if form or in_person or (link and link_label):
        return []
    if link:
        return ["link_label"]
    if link_label:
        return ["link"]
    return ["way_to_apply"]
