"""Counting the computed indicators again, from the admin, when an editor wants today's figure
without waiting for the night: a page that says what will be counted, and a button (POST). The
editor may also count the series' past weekly since a day: the chart of an indicator added after
the work began starts with what the records hold."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from home.numerals import written_date

from .models import Indicator, compute_all, compute_history

# How far back a past can be counted: weekly, ten years are 520 counts of each series.
OLDEST_PAST = datetime.timedelta(days=3653)


class CountForm(forms.Form):
    since = forms.DateField(
        label=_("Also count the series as they stood each week since"),
        required=False,
        help_text=_(
            "Optional. For an indicator added after the work began: its chart then starts with "
            "what the site's records hold. Breakdowns are counted for today only."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
    )

    def clean_since(self):
        since = self.cleaned_data["since"]
        today = timezone.localdate()
        if since and since >= today:
            raise forms.ValidationError(_("Choose a day before today."))
        if since and since < today - OLDEST_PAST:
            raise forms.ValidationError(_("Choose a day in the last ten years."))
        return since


def may_recompute(user):
    # Counting publishes the figures at once: for those who may publish indicators.
    return user.has_perm("indicators.publish_indicator")


def recompute(request):
    if not may_recompute(request.user):
        raise PermissionDenied
    form = CountForm(request.POST) if request.method == "POST" else CountForm()
    if form.is_bound and form.is_valid():
        today = timezone.localdate()
        since = form.cleaned_data["since"]
        if since:
            compute_history(since, today=today)
        counted = compute_all(today)
        messages.success(
            request,
            ngettext(
                "%(count)s computed indicator counted for %(day)s.",
                "%(count)s computed indicators counted for %(day)s.",
                len(counted),
            )
            % {"count": len(counted), "day": written_date(today)},
        )
        if since:
            messages.success(
                request,
                _("The series were also counted as they stood each week since %(day)s.")
                % {"day": written_date(since)},
            )
        return redirect("wagtailsnippets_indicators_indicator:list")
    indicators = (
        Indicator.objects.filter(locale=Locale.get_default())
        .exclude(computation="")
        .annotate(counted_on=Max("computed_values__date"))
        .order_by("sort_order", "name")
    )
    return TemplateResponse(
        request,
        "indicators/admin/recompute.html",
        {"indicators": indicators, "form": form},
        status=400 if form.errors else 200,
    )
