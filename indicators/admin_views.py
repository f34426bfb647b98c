"""Counting the computed indicators again, from the admin, when an editor wants today's figure
without waiting for the night: a page that says what will be counted, and a button (POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.models import Locale

from home.numerals import written_date

from .models import Indicator, compute_all


def may_recompute(user):
    # Counting publishes the figures at once: for those who may publish indicators.
    return user.has_perm("indicators.publish_indicator")


def recompute(request):
    if not may_recompute(request.user):
        raise PermissionDenied
    if request.method == "POST":
        today = timezone.localdate()
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
        return redirect("wagtailsnippets_indicators_indicator:list")
    indicators = (
        Indicator.objects.filter(locale=Locale.get_default())
        .exclude(computation="")
        .annotate(counted_on=Max("computed_values__date"))
        .order_by("sort_order", "name")
    )
    return TemplateResponse(request, "indicators/admin/recompute.html", {"indicators": indicators})
