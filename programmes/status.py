"""Whether a programme takes applications on a given day. Plain Python: no Django import.

Both dates are inclusive: a programme is open on the day it opens and on the day it closes. A
missing opening date means it is already open; a missing closing date means it never closes.
"""

from datetime import date

OPEN = "open"
UPCOMING = "upcoming"
CLOSED = "closed"
STATUSES = (OPEN, UPCOMING, CLOSED)


def programme_status(opens: date | None, closes: date | None, today: date) -> str:
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
