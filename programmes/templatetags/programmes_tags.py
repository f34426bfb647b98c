from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.lookups import active_locale
from home.numerals import written_date
from programmes import status
from programmes.filters import STATUS_LABELS
from programmes.models import (
    ProgrammeIndexPage,
    programmes_coming_in,
    programmes_open_in,
    site_today,
)

register = template.Library()

# Counting down the days only helps when the end is near.
CLOSING_SOON_DAYS = 30


@register.simple_tag
def programme_status_text(programme, today=None):
    """The status in words, in the active language: "Closes in 5 days", "Opens on 1 March"."""
    today = today or site_today()
    state = programme.status(today)
    if state == status.ANNOUNCED:
        return _("The joining mechanism and the criteria will be announced soon")
    if state == status.UPCOMING:
        return _("Opens on %(date)s") % {"date": written_date(programme.opens)}
    if state == status.CLOSED:
        if programme.closes is None:
            return _("Closed")
        return _("Closed on %(date)s") % {"date": written_date(programme.closes)}
    days = programme.days_left(today)
    if days is None:
        return _("Open for applications")
    if days == 0:
        return _("Open: closes today")
    if days > CLOSING_SOON_DAYS:
        return _("Open until %(date)s") % {"date": written_date(programme.closes)}
    return ngettext(
        "Open: closes in %(count)d day, on %(date)s",
        "Open: closes in %(count)d days, on %(date)s",
        days,
    ) % {"count": days, "date": written_date(programme.closes)}


@register.simple_tag
def programme_status_label(state):
    """The badge's word for a status: Open, Upcoming, Announced, Closed."""
    return STATUS_LABELS.get(state, "")


@register.inclusion_tag("programmes/tags/open_programmes.html")
def open_programmes(limit=3):
    """Teaser of the open programmes in the active language, for the home page."""
    locale = active_locale()
    return {
        "programmes": list(programmes_open_in(locale, limit)),
        "coming": list(programmes_coming_in(locale, limit)),
        "index": ProgrammeIndexPage.objects.live().filter(locale=locale).first(),
        "today": site_today(),
    }
