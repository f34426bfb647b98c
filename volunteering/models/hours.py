"""Volunteers' hours as coordinators record them, and the certificates of service they earn."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Submission
from home.codes import new_code, normalise_code
from home.numerals import language


class ServiceHours(models.Model):
    """Hours a volunteer gave to an opportunity, as its coordinator recorded them."""

    sign_up = models.ForeignKey(
        Submission,
        verbose_name=_("sign-up"),
        on_delete=models.CASCADE,
        related_name="service_hours",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    served_on = models.DateField(_("served on"), default=datetime.date.today)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        ordering = ["served_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="service_hours_positive")
        ]

    def __str__(self):
        return f"{self.sign_up_id}: {self.hours}"


def plural_count(hours):
    """The count that chooses the plural form for some hours in the active language: a fraction
    of an hour reads like a hundred in Arabic ("2.5 ساعة") and English ("1.5 hours"); French
    counts its whole part ("1,5 heure", "2,5 heures")."""
    if hours == int(hours) or language() == "fr":
        return int(hours)
    return 100


def hours_given(sign_up):
    return sign_up.service_hours.aggregate(total=models.Sum("hours"))["total"] or 0


class CertificateQuerySet(models.QuerySet):
    def find(self, code):
        """The certificate with this code as typed, or None (malformed codes never reach the
        database)."""
        code = normalise_code(code or "")
        if code is None:
            return None
        return self.filter(code=code).first()


class ServiceCertificate(models.Model):
    """A certificate of service: who gave how many hours to which opportunity, checked by anyone
    who has its code. What it says is kept, so that it still verifies after the opportunity or
    the sign-up is gone."""

    code = models.CharField(
        _("verification code"), max_length=24, unique=True, default=new_code, editable=False
    )
    sign_up = models.ForeignKey(
        Submission,
        verbose_name=_("sign-up"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_certificates",
    )
    name = models.CharField(_("volunteer's name"), max_length=120)
    opportunity_title = models.CharField(_("opportunity"), max_length=255)
    association = models.CharField(_("association"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of service")
        verbose_name_plural = _("certificates of service")

    def __str__(self):
        return self.code

    @property
    def plural_count(self):
        return plural_count(self.hours)
