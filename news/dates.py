"""Dates as readers of each language expect them, with the Hijri date when the site shows it."""

from django.utils.translation import gettext_lazy as _

from .hijri import from_gregorian

HIJRI_MONTHS = [
    _("Muharram"),
    _("Safar"),
    _("Rabi al-Awwal"),
    _("Rabi al-Thani"),
    _("Jumada al-Ula"),
    _("Jumada al-Akhira"),
    _("Rajab"),
    _("Shaban"),
    _("Ramadan"),
    _("Shawwal"),
    _("Dhu al-Qadah"),
    _("Dhu al-Hijjah"),
]


def hijri(date):
    """'12 Jumada al-Akhira 1448 AH' in the active language."""
    day = from_gregorian(date)
    return _("%(day)s %(month)s %(year)s AH") % {
        "day": day.day,
        "month": HIJRI_MONTHS[day.month - 1],
        "year": day.year,
    }
