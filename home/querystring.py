"""Values read from a query string, which anyone can write."""


def whole_number(value, digits=9):
    """`value` as a whole number of at most `digits` digits, Latin or Arabic-Indic, else None.

    `str.isdigit` also accepts digits such as '²', which `int` refuses; `str.isdecimal` accepts
    exactly what `int` reads, and the length keeps the number within a database integer.
    """
    if isinstance(value, str) and value.isdecimal() and len(value) <= digits:
        return int(value)
    return None
