"""Volunteer opportunities, the associations' requests for help, volunteers' hours and their
certificates of service.

A sign-up and an association's request are submissions of the site's forms (applications): they
get a reference number, a confirmation email, the status check and the reviewers' pages. Places,
hours and certificates are this app's own.

Volunteering's models, by concept: places.py (the sign-ups holding an opportunity's places, and
its write lock), fixed_forms.py (pages taking submissions with fields written in code),
opportunities.py (skills and the opportunity page), help_requests.py (where associations ask for
volunteers), index.py (the volunteering index) and hours.py (hours and certificates of service)."""

from .fixed_forms import FixedField, FixedForm
from .help_requests import HelpRequestPage
from .hours import CertificateQuerySet, ServiceCertificate, ServiceHours
from .index import VolunteeringIndexPage
from .opportunities import (
    MAX_HOURS_PER_WEEK,
    MAX_VOLUNTEERS,
    TEXT_FEATURES,
    OpportunityForm,
    Skill,
    VolunteerOpportunityPage,
)
from .places import HOLDING_PLACE, OpportunityLock, active_sign_ups, lock, translations_of

__all__ = [
    "HOLDING_PLACE",
    "MAX_HOURS_PER_WEEK",
    "MAX_VOLUNTEERS",
    "TEXT_FEATURES",
    "CertificateQuerySet",
    "FixedField",
    "FixedForm",
    "HelpRequestPage",
    "OpportunityForm",
    "OpportunityLock",
    "ServiceCertificate",
    "ServiceHours",
    "Skill",
    "VolunteerOpportunityPage",
    "VolunteeringIndexPage",
    "active_sign_ups",
    "lock",
    "translations_of",
]
