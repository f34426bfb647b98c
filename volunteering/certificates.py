"""Certificates of service: one for the hours a volunteer was given so far; asked for again after
more hours are recorded, a new one with the new total (the old one still verifies)."""

from django.db import transaction

from .hours import hours_given
from .models import ServiceCertificate, VolunteerOpportunityPage


def certificate_for(sign_up):
    """The certificate of the sign-up's recorded hours, or None while it has none."""
    total = hours_given(sign_up)
    if not total:
        return None
    with transaction.atomic():
        existing = ServiceCertificate.objects.filter(sign_up=sign_up, hours=total).first()
        if existing is not None:
            return existing
        opportunity = sign_up.page.specific
        if not isinstance(opportunity, VolunteerOpportunityPage):
            return None
        return ServiceCertificate.objects.create(
            sign_up=sign_up,
            name=sign_up.form_data.get("full_name", ""),
            opportunity_title=opportunity.title,
            association=opportunity.association_name,
            hours=total,
        )
