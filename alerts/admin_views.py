"""The alerts in the admin: editors see how many confirmed addresses wait for each programme,
track and news category; site administrators export every address with its consent (time and
language) and erase one on request, as they do for applicants."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.roles import SITE_ADMINISTRATORS

from . import subscribing
from .models import Alert, Subscriber

# A cell starting like a formula is shown as text by spreadsheets (same rule as the submissions'
# exports).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def is_site_administrator(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists()
    )


def counts():
    """(kind, subject, confirmed addresses, waiting for confirmation), most awaited first."""
    rows = {}
    alerts = Alert.objects.select_related("programme", "category").order_by("pk")
    for alert in alerts:
        row = rows.setdefault(alert.subject_key, [alert.get_kind_display(), alert.subject, 0, 0])
        row[2 if alert.confirmed_at else 3] += 1
    return sorted(rows.values(), key=lambda row: (-row[2], row[1]))


def overview(request):
    administrator = is_site_administrator(request.user)
    if request.method == "POST":
        if not administrator:
            raise PermissionDenied
        email = subscribing.normalise(request.POST.get("email", ""))
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        if subscriber is None:
            messages.error(request, _("No alert is recorded for this address."))
        else:
            subscribing.erase(subscriber)
            messages.success(request, _("The address and its alerts are erased."))
        return redirect("alerts_admin:overview")
    return TemplateResponse(
        request,
        "alerts/admin/overview.html",
        {
            "rows": counts(),
            "administrator": administrator,
            "addresses": Subscriber.objects.annotate(n=Count("alerts")).filter(n__gt=0).count(),
        },
    )


def export(request):
    if not is_site_administrator(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="alert-subscribers.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Email"), _("Language"), _("About"), _("Subject"), _("Asked on"), _("Consent given on")]
    )
    alerts = Alert.objects.select_related("subscriber", "programme", "category").order_by(
        "subscriber__email", "created_at"
    )
    for alert in alerts:
        writer.writerow(
            [
                _cell(alert.subscriber.email),
                alert.language,
                alert.get_kind_display(),
                _cell(alert.subject),
                alert.created_at.isoformat(),
                alert.confirmed_at.isoformat() if alert.confirmed_at else "",
            ]
        )
    return response
