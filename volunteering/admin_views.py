"""The coordinators' hours and the reviewers' requests, in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.access import reviewable_forms, reviewable_submissions
from applications.models import Status, Submission
from home.numerals import number
from programmes.models import site_today

from .access import coordinated_opportunities
from .forms import HoursForm
from .hours import HoursRefused, record_hours, withdraw_hours
from .models import HelpRequestPage, ServiceHours, plural_count, translations_of
from .requests import NotConvertible, draft_opportunity, opportunity_made_from


def hours_index(request):
    """The opportunities the user coordinates, one line each (in its first language) with its
    accepted volunteers and the hours recorded for them; those with volunteers first."""
    opportunities = coordinated_opportunities(request.user).order_by("translation_key", "pk")
    seen, rows = set(), []
    for opportunity in opportunities.select_related("locale"):
        if opportunity.translation_key in seen:
            continue
        seen.add(opportunity.translation_key)
        rows.append(opportunity)
    if not rows:
        raise PermissionDenied
    served = (
        Submission.objects.filter(page__in=opportunities, status=Status.ACCEPTED)
        .values("page__translation_key")
        .annotate(volunteers=Count("pk", distinct=True), hours=Sum("service_hours__hours"))
    )
    served = {row["page__translation_key"]: row for row in served}
    for opportunity in rows:
        figures = served.get(opportunity.translation_key, {})
        opportunity.volunteers = figures.get("volunteers", 0)
        opportunity.hours = figures.get("hours") or 0
    rows.sort(key=lambda opportunity: (not opportunity.volunteers, opportunity.title))
    return TemplateResponse(request, "volunteering/admin/hours_index.html", {"opportunities": rows})


def opportunity_hours(request, pk):
    """The accepted volunteers of one opportunity, their hours, and a form to add some."""
    opportunity = get_object_or_404(coordinated_opportunities(request.user), pk=pk)
    sign_ups = (
        Submission.objects.filter(page__in=translations_of(opportunity), status=Status.ACCEPTED)
        .annotate(total=Sum("service_hours__hours"))
        .prefetch_related("service_hours__recorded_by")
        .order_by("submit_time")
    )
    failed, failed_form = None, None
    if request.method == "POST":
        form = HoursForm(request.POST)
        if form.is_valid():
            sign_up = get_object_or_404(
                Submission.objects.filter(page__in=translations_of(opportunity)),
                pk=form.cleaned_data["sign_up"],
            )
            try:
                record_hours(
                    request.user,
                    opportunity,
                    sign_up,
                    form.cleaned_data["hours"],
                    form.cleaned_data["served_on"],
                    form.cleaned_data["note"],
                )
            except HoursRefused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(hours)s hour recorded for %(name)s.",
                        "%(hours)s hours recorded for %(name)s.",
                        plural_count(form.cleaned_data["hours"]),
                    )
                    % hours_of(form.cleaned_data["hours"], sign_up),
                )
                return redirect("volunteering_hours", pk=opportunity.pk)
        failed = request.POST.get("sign_up")
        failed_form = form
    rows = []
    for sign_up in sign_ups:
        form = (
            failed_form
            if failed == str(sign_up.pk)
            else HoursForm(
                initial={"sign_up": sign_up.pk, "served_on": min(site_today(), opportunity.ends)},
                auto_id=f"id_{sign_up.pk}_%s",
            )
        )
        if form is failed_form:
            form.auto_id = f"id_{sign_up.pk}_%s"
        rows.append((sign_up, form))
    response = TemplateResponse(
        request,
        "volunteering/admin/opportunity_hours.html",
        {
            "opportunity": opportunity,
            "rows": rows,
            "most_hours": f"{opportunity.most_hours():g}",
            "unknown_sign_up": failed is not None
            and failed_form is not None
            and not any(str(s.pk) == failed for s, _f in rows),
        },
    )
    if failed_form is not None:
        response.status_code = 400
    return response


def hours_of(hours, sign_up):
    return {"hours": number(hours), "name": sign_up.form_data.get("full_name", sign_up.reference)}


def withdraw_entry(request, pk, entry):
    """Withdraw hours recorded by mistake (a form's button, never a link)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    opportunity = get_object_or_404(coordinated_opportunities(request.user), pk=pk)
    entry = get_object_or_404(
        ServiceHours.objects.filter(sign_up__page__in=translations_of(opportunity)), pk=entry
    )
    withdraw_hours(request.user, opportunity, entry)
    messages.success(
        request,
        ngettext(
            "%(hours)s hour of %(name)s withdrawn.",
            "%(hours)s hours of %(name)s withdrawn.",
            plural_count(entry.hours),
        )
        % hours_of(entry.hours, entry.sign_up),
    )
    return redirect("volunteering_hours", pk=opportunity.pk)


def request_pages(user):
    """The request pages whose submissions `user` reviews."""
    return reviewable_forms(user).filter(pk__in=HelpRequestPage.objects.values("pk"))


def reviewable_requests(user):
    return reviewable_submissions(user).filter(page__in=request_pages(user))


def requests_index(request):
    if not request_pages(request.user).exists():
        raise PermissionDenied
    requests = reviewable_requests(request.user).order_by("-submit_time")
    rows = [(submission, opportunity_made_from(submission)) for submission in requests[:200]]
    return TemplateResponse(request, "volunteering/admin/requests.html", {"rows": rows})


def make_opportunity(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    submission = get_object_or_404(reviewable_requests(request.user), pk=pk)
    try:
        opportunity, _revision = draft_opportunity(submission, request.user)
    except NotConvertible as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Draft opportunity created from %(reference)s and sent to the moderators.")
                % {"reference": submission.reference},
                reverse("wagtailadmin_pages:edit", args=[opportunity.pk]),
                _("Open the draft"),
            ),
        )
    return redirect("volunteering_requests")
