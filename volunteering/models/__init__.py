"""Volunteer opportunities, the associations' requests for help, volunteers' hours and their
certificates of service.

A sign-up and an association's request are submissions of the site's forms (applications): they
get a reference number, a confirmation email, the status check and the reviewers' pages. Places,
hours and certificates are this app's own.

Volunteering's models, by concept: places.py (the sign-ups holding an opportunity's places, and
its write lock), fixed_forms.py (pages taking submissions with fields written in code), skills.py
(skills, and how many volunteers and hours an opportunity may ask), opportunities.py (the
opportunity page), help_requests.py (where associations ask for volunteers), index.py (the
volunteering index) and hours.py (hours and certificates of service).

The page types serve and route to the views (views/), which use forms and services (signups.py,
certificates.py, …), which use the data models. What a page type imports therefore imports the
data modules it needs (`.models.skills`, …), never this package or that page type's module: both
are still loading then."""

from .fixed_forms import FixedField, FixedForm
from .help_requests import HelpRequestPage
from .hours import CertificateQuerySet, ServiceCertificate, ServiceHours, plural_count
from .index import VolunteeringIndexPage
from .opportunities import TEXT_FEATURES, OpportunityForm, VolunteerOpportunityPage
from .places import HOLDING_PLACE, OpportunityLock, active_sign_ups, lock, translations_of
from .skills import MAX_HOURS_PER_WEEK, MAX_VOLUNTEERS, Skill

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
    "plural_count",
    "translations_of",
]
