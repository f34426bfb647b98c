"""An answer to a form as people read it: on the review page, in the exports and in the emails."""

from django.utils.translation import gettext as _

from home.numerals import written_list


def answer_text(value):
    """A box ticked or not in words, several choices on a line with the reader's comma, nothing
    for a question left unanswered."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return written_list(value)
    return value
