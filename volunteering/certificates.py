"""Certificates of service: one for the hours a volunteer was given so far; asked for again after
more hours are recorded, a new one with the new total (the old one still verifies)."""

from django.db import transaction

from .models.hours import ServiceCertificate, hours_given
from .models.opportunities import VolunteerOpportunityPage


def is_sign_up(submission):
    """Whether the submission is a sign-up for an opportunity."""
    return submission is not None and isinstance(submission.page.specific, VolunteerOpportunityPage)


def certificate_for(sign_up):
    """The certificate of the sign-up's recorded hours, or None while it has none."""
    total = hours_given(sign_up)
    if not total:
        return None
    with transaction.atomic():
        existing = ServiceCertificate.objects.filter(sign_up=sign_up, hours=total).first()
        if existing is not None:
            return existing
        if not is_sign_up(sign_up):
            return None
        opportunity = sign_up.page.specific
        return ServiceCertificate.objects.create(
            sign_up=sign_up,
            name=sign_up.form_data.get("full_name", ""),
            opportunity_title=opportunity.title,
            association=opportunity.association_name,
            hours=total,
        )
