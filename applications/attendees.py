"""Events' attendees in the admin: per event, who has a place, who waits, who cancelled; attendance
marked on the day; the list exported as CSV or XLSX.

Open to the same people as the submissions of the event's registration form
(`access.reviewable_forms`): an event whose form the user may not review is not found.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, Q, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from wagtail.models import Locale

from news.models import EventPage

from .access import reviewable_forms
from .answers import answer_text
from .models import FieldType, Registration
from .references import spreadsheet_safe


def visible_events(user):
    """The events whose registration form `user` may review, one page per event (the one in
    the default language when there is one), soonest first."""
    keys = reviewable_forms(user).values("translation_key")
    events = (
        EventPage.objects.filter(registration_page__translation_key__in=keys)
        .annotate(default=Case(When(locale=Locale.get_default(), then=0), default=1))
        .order_by("default", "starts", "pk")
    )
    chosen = {}
    for event in events:
        chosen.setdefault(event.translation_key, event)
    return sorted(chosen.values(), key=lambda event: (event.starts, event.pk))


def attendees_of(user, event):
    return (
        Registration.objects.filter(
            event_key=event.translation_key, submission__page__in=reviewable_forms(user)
        )
        .select_related("submission__page")
        .order_by("pk")
    )


def events_index(request):
    events = visible_events(request.user)
    if not events:
        raise PermissionDenied
    counts = {
        row["event_key"]: row
        for row in Registration.objects.filter(
            event_key__in=[e.translation_key for e in events],
            submission__page__in=reviewable_forms(request.user),
        )
        .values("event_key")
        .annotate(
            confirmed=Count("pk", filter=Q(state=Registration.State.CONFIRMED)),
            waiting=Count("pk", filter=Q(state=Registration.State.WAITING)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    }
    rows = [(event, counts.get(event.translation_key, {})) for event in events]
    return TemplateResponse(request, "applications/admin/events.html", {"rows": rows})


def _event(request, pk):
    for event in visible_events(request.user):
        if event.pk == pk:
            return event
    raise Http404


def _form_fields(registrations):
    """Each registration form's fields in the order the participant saw them (the stored answers
    carry no order: PostgreSQL's jsonb sorts their keys)."""
    forms = {}
    for registration in registrations:
        page = registration.submission.page
        if page.pk not in forms:
            forms[page.pk] = page.specific.get_form_fields()
    return forms


def _name(submission, fields):
    """The participant's name: the form's first single-line answer."""
    for field in fields:
        value = submission.form_data.get(field.clean_name)
        if field.field_type == FieldType.SINGLE_LINE and isinstance(value, str) and value:
            return value
    return ""


def _rows(registrations):
    headings = [
        _("Reference"),
        _("Name"),
        _("Email"),
        _("State"),
        _("Registered"),
        _("Attended"),
    ]
    forms = _form_fields(registrations)
    keys = []
    for fields in forms.values():
        for field in fields:
            if field.clean_name not in keys:
                keys.append(field.clean_name)
    for registration in registrations:
        for key in registration.submission.form_data:
            if key not in keys:
                keys.append(key)
    headings += keys
    rows = []
    for registration in registrations:
        submission = registration.submission
        attended = "" if registration.attended is None else answer_text(registration.attended)
        row = [
            submission.reference,
            _name(submission, forms[submission.page_id]),
            submission.email,
            registration.get_state_display(),
            timezone.localtime(registration.created_at).replace(second=0, microsecond=0),
            attended,
        ]
        row += [answer_text(submission.form_data.get(key)) for key in keys]
        rows.append(row)
    return headings, rows


def export(event, registrations, kind):
    headings, rows = _rows(registrations)
    name = f"{event.slug}-attendees"
    if kind == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Attendees")[:31])
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        sheet.append(headings)
        for row in rows:
            cells = []
            for value in row:
                if hasattr(value, "tzinfo"):
                    cells.append(timezone.make_naive(value))
                else:
                    cells.append(spreadsheet_safe(value))
            sheet.append(cells)
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow(
            value.strftime("%Y-%m-%d %H:%M")
            if hasattr(value, "tzinfo")
            else spreadsheet_safe(value)
            for value in row
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def attendees(request, pk):
    """One event's registrations; attendance marked for those with a place."""
    event = _event(request, pk)
    registrations = list(attendees_of(request.user, event))
    kind = request.GET.get("export")
    if kind in ("csv", "xlsx"):
        return export(event, registrations, kind)
    if request.method == "POST":
        present = set(request.POST.getlist("attended"))
        confirmed = [r for r in registrations if r.state == Registration.State.CONFIRMED]
        with transaction.atomic():
            for registration in confirmed:
                attended = str(registration.pk) in present
                if registration.attended != attended:
                    registration.attended = attended
                    registration.save(update_fields=["attended"])
        messages.success(request, _("Attendance saved."))
        return redirect("applications_attendees", pk=event.pk)
    return TemplateResponse(
        request,
        "applications/admin/attendees.html",
        {
            "event": event,
            "registrations": registrations,
            "confirmed": sum(r.state == Registration.State.CONFIRMED for r in registrations),
            "waiting": sum(r.state == Registration.State.WAITING for r in registrations),
            "index_url": reverse("applications_events"),
        },
    )
