"""The fixed vocabularies of the catalogue (stored values are stable English codes)."""

from django.utils.translation import gettext_lazy as _

TOPICS = [
    ("governance", _("Governance")),
    ("volunteering", _("Volunteer management")),
    ("cybersecurity", _("Cybersecurity")),
    ("impact", _("Impact measurement")),
    ("fundraising", _("Fundraising")),
    ("digital-tools", _("Digital tools")),
]
LEVELS = [
    ("beginner", _("Beginner")),
    ("intermediate", _("Intermediate")),
    ("advanced", _("Advanced")),
]
# Catalogue length filter: (value, label, shortest, longest) in minutes.
DURATIONS = [
    ("short", _("Up to 1 hour"), 0, 60),
    ("medium", _("1 to 3 hours"), 61, 180),
    ("long", _("More than 3 hours"), 181, None),
]


NAME_MAX_LENGTH = 100
