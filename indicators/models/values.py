"""An indicator's values: typed by editors, or counted by the site every night."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale

from home.caching import content_changed
from home.figures import COMPUTATIONS

from .indicators import Indicator


class IndicatorValue(models.Model):
    """A value an editor typed, with its date (and its group, for a breakdown)."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"), help_text=_("The day the value was true."))
    category = models.CharField(
        _("group"),
        max_length=120,
        blank=True,
        help_text=_(
            "For a breakdown: a governorate, a programme's track or a module, written as the "
            "site names it (the other languages then show their own name), or any other group."
        ),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    panels = [FieldPanel("date"), FieldPanel("category"), FieldPanel("value")]

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["date", "category"]

    def __str__(self):
        return f"{self.date} {self.category} {self.value}".replace("  ", " ")

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("A value cannot be dated in the future: enter the day it was true.")}
            )


class ComputedValue(models.Model):
    """A value the site counted (`manage.py compute_indicators`), one per day and group."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="computed_values"
    )
    date = models.DateField(_("date"))
    category = models.CharField(_("group"), max_length=120, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["date", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date", "category"], name="unique_computed_value"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.category} {self.value}".replace("  ", " ")


def compute(indicator, today=None, as_of=None):
    """Counts an indicator's figure now and stores it as today's values (replacing today's
    earlier count); with `as_of`, a past day, a series as it stood at that day's end, stored as
    that day's (a breakdown is counted for now only: nothing is stored). Returns the values
    stored."""
    computation = COMPUTATIONS.get(indicator.computation)
    if computation is None or (as_of and computation.breakdown):
        return []
    day = as_of or today or timezone.localdate()
    programme = indicator.programme.specific if indicator.programme_id else None
    past = {"until": as_of} if as_of else {}
    values = [
        (str(category), Decimal(value))
        for category, value in computation.compute(programme, **past)
    ]
    indicator.computed_values.filter(date=day).delete()
    ComputedValue.objects.bulk_create(
        ComputedValue(indicator=indicator, date=day, category=category, value=value)
        for category, value in values
    )
    # Cached pages and fragments show the new figure (bulk_create sends no post_save).
    content_changed()
    return values


def compute_history(since, every=7, today=None):
    """Counts every computed series as it stood at the end of `since` and of every `every`th
    day after it, before today: the history of a figure the site has the records of, for a site
    (or an indicator) added after the work began. [(indicator, [day, ...])], breakdowns left
    out. A day counted before is counted again."""
    today = today or timezone.localdate()
    days = []
    while since < today:
        days.append(since)
        since += datetime.timedelta(days=every)
    counted = []
    for indicator in _computed().order_by("sort_order", "name"):
        computation = COMPUTATIONS.get(indicator.computation)
        if computation is None or computation.breakdown:
            continue
        with transaction.atomic():
            for day in days:
                compute(indicator, as_of=day)
        counted.append((indicator, days))
    return counted


def _computed():
    """The computed indicators, each once: the values of every language live on the default
    language's indicator."""
    return Indicator.objects.filter(locale=Locale.get_default()).exclude(computation="")


def compute_all(today=None):
    """Counts every computed indicator now, each in its own transaction: [(indicator, values)]."""
    counted = []
    for indicator in _computed().order_by("sort_order", "name"):
        with transaction.atomic():
            counted.append((indicator, compute(indicator, today)))
    return counted
