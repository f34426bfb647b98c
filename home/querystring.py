"""Values read from a query string, which anyone can write."""

import datetime


def whole_number(value, digits=9):
    """`value` as a whole number of at most `digits` digits, Latin or Arabic-Indic, else None.

    `str.isdigit` also accepts digits such as '²', which `int` refuses; `str.isdecimal` accepts
    exactly what `int` reads, and the length keeps the number within a database integer.
    """
    if isinstance(value, str) and value.isdecimal() and len(value) <= digits:
        return int(value)
    return None


def calendar_year(value):
    """`value` as a year a date can hold in any time zone, else None: the first and the last
    year Python knows overflow once moved to or from UTC."""
    number = whole_number(value, digits=4)
    if number is not None and datetime.MINYEAR < number < datetime.MAXYEAR:
        return number
    return None
