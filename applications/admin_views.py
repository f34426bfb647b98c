"""Reviewing submissions in the admin: the filtered list and its exports, one submission with its
status, notes, history and files, and one applicant's data exported or erased by reference.

Everything here is limited to the forms whose submissions the user may review
(`access.reviewable_forms`): a submission of another form is not found.
"""

import datetime
import json

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from openpyxl import Workbook
from wagtail.admin.paginator import WagtailPaginator
from wagtail.contrib.forms.views import (
    FormPagesListView,
    SubmissionsListFilterSet,
    SubmissionsListView,
)
from wagtail.log_actions import log

from .access import reviewable_files, reviewable_forms, reviewable_submissions
from .answers import answer_text
from .models.submissions import PURPOSES, Status
from .references import FILE_TYPES, normalise_reference, spreadsheet_safe


class CountedPaginator(WagtailPaginator):
    """Wagtail writes its count as a number and the plural name ("23 طلبات"); Arabic counts
    with its own forms (طلب واحد، طلبان، 3 طلبات، 23 طلبًا), which only ngettext gives."""

    counted = None  # ngettext_lazy(…, "count"), its forms with %(count)d

    @cached_property
    def items_count_label(self):
        return self.counted % {"count": self.count}


class FormsPaginator(CountedPaginator):
    counted = ngettext_lazy("%(count)d form", "%(count)d forms", "count")


class SubmissionsPaginator(CountedPaginator):
    counted = ngettext_lazy("%(count)d submission", "%(count)d submissions", "count")


class FormsIndexView(FormPagesListView):
    """Wagtail's list of forms, open to whoever may review a form's submissions: Wagtail asks for
    a page permission, which reviewers (who edit no page) do not have."""

    any_permission_required = None
    paginator_class = FormsPaginator

    def dispatch(self, request, *args, **kwargs):
        if not reviewable_forms(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewFilterSet(SubmissionsListFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)


XLSX_DATE_FORMAT = "yyyy-mm-dd hh:mm"


class ReviewSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list with the status filter, a link to review each submission, and
    exports in the reviewer's language and time zone in which no cell can run as a formula."""

    filterset_class = ReviewFilterSet
    paginator_class = SubmissionsPaginator
    results_template_name = "applications/admin/list_submissions.html"
    orderable_fields = ("id", "submit_time", "reference", "status")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The admin gives the reviewer's language and time zone back once the view returns,
        # before a CSV export has streamed: it is written with these.
        self.language = translation.get_language()
        self.time_zone = timezone.get_current_timezone()

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value).replace(second=0, microsecond=0)
            if export_format == self.FORMAT_XLSX:
                return timezone.make_naive(local)
            return local.strftime("%Y-%m-%d %H:%M")
        value = answer_text(value) if isinstance(value, (bool, list)) else value
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        """A byte-order mark first, so that spreadsheets read the file as UTF-8."""
        yield "\ufeff"
        lines = super().stream_csv(queryset)
        while True:
            with translation.override(self.language), timezone.override(self.time_zone):
                line = next(lines, None)
            if line is None:
                return
            yield line

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        """Wagtail's sheet, right to left in a right-to-left language, with date cells."""
        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(title=_("Submissions")[:31])
        worksheet.sheet_view.rightToLeft = translation.get_language_bidi()
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        for item in queryset:
            row = self.generate_xlsx_row(
                worksheet, self.to_row_dict(item), date_format=XLSX_DATE_FORMAT
            )
            worksheet.append(row)
        workbook.save(output)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = [name for name, _label in self.form_page.get_data_fields()]
        # Wagtail's rows have joined several choices with a Latin comma: read from each submission.
        submissions = {submission.pk: submission for submission in context.get("submissions", [])}
        for row in context.get("data_rows", []):
            row["review_url"] = reverse("applications_review", args=[row["model_id"]])
            data = submissions[row["model_id"]].get_data()
            row["fields"] = [answer_text(data.get(name)) for name in names]
        return context


class ReviewForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Status.choices)
    note = forms.CharField(
        label=gettext_lazy("Add a note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Only reviewers see notes."),
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Sent to the applicant by email with the status, in the language of the submission."
        ),
    )


def review(request, pk):
    submission = get_object_or_404(
        reviewable_submissions(request.user).select_related("page"), pk=pk
    )
    page = submission.page.specific
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            changed = submission.set_status(
                data["status"], user=request.user, note=data["note"], message=data["message"]
            )
            if changed or data["note"] or data["message"]:
                messages.success(request, _("Submission %s updated.") % submission.reference)
            return redirect("applications_review", pk=submission.pk)
    else:
        form = ReviewForm(initial={"status": submission.status})
    emails = list(submission.emails.all())
    for email in emails:
        email.purpose_label = PURPOSES.get(email.purpose, email.purpose)
    history = list(submission.history.select_related("user"))
    by_event = {email.context.get("event"): email for email in emails}
    for event in history:
        event.email = by_event.get(event.pk)
    labels = dict(page.get_data_fields())
    answers = [(labels.get(name, name), answer_text(v)) for name, v in submission.form_data.items()]
    return TemplateResponse(
        request,
        "applications/admin/review.html",
        {
            "submission": submission,
            "reference": format_html('<bdi dir="ltr">{}</bdi>', submission.reference),
            "form_page": page,
            "answers": answers,
            "files": submission.files.all(),
            "history": history,
            "emails": emails,
            "form": form,
            "list_url": reverse("wagtailforms:list_submissions", args=[page.pk]),
        },
    )


def download(request, pk):
    """A stored document, for the reviewers of its form only."""
    stored = get_object_or_404(reviewable_files(request.user), pk=pk)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=FILE_TYPES.get(stored.kind, ("application/octet-stream",))[0],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def applicant_data(submission):
    """Everything stored about one applicant's submission, for a data request."""
    return {
        "reference": submission.reference,
        "form": submission.page.title,
        "submitted": submission.submit_time,
        "status": submission.status,
        "status_changed": submission.status_changed_at,
        "email": submission.email,
        "language": submission.language,
        "answers": submission.form_data,
        "files": [{"name": f.name, "size": f.size} for f in submission.files.all()],
        "history": [
            {"time": event.time, "status": event.status, "message": event.message}
            for event in submission.history.all()
        ],
    }


class ReferenceForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference number or email address"), max_length=254
    )


# The submissions listed for one email address, newest first.
SENT_FROM_LIMIT = 100


def privacy(request):
    """Find one applicant's submission by reference (or list those sent from an email address,
    for an applicant who lost the reference); export it as JSON or erase it."""
    if not reviewable_forms(request.user).exists():
        raise PermissionDenied
    form = ReferenceForm(request.POST or request.GET or None)
    submission = None
    sent_from = None
    asked = form.cleaned_data["reference"] if form.is_valid() else ""
    if "@" in asked:
        sent_from = list(
            reviewable_submissions(request.user)
            .select_related("page")
            .filter(email__iexact=asked)
            .order_by("-submit_time")[:SENT_FROM_LIMIT]
        )
        if not sent_from:
            form.add_error("reference", _("No submission you may see was sent from this address."))
    elif asked:
        reference = normalise_reference(asked)
        submission = (
            reviewable_submissions(request.user)
            .select_related("page")
            .filter(reference=reference)
            .first()
        )
        if submission is None:
            form.add_error("reference", _("No submission you may see has this reference."))
        elif request.method == "POST" and "erase" in request.POST:
            # The record keeps who erased which reference and when, nothing of the applicant.
            with transaction.atomic():
                log(instance=submission, action="applications.erase", user=request.user)
                submission.delete()
            messages.success(request, _("Submission %s and its files were erased.") % reference)
            return redirect("applications_privacy")
        elif request.GET.get("export") == "json":
            response = HttpResponse(
                json.dumps(applicant_data(submission), cls=DjangoJSONEncoder, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{reference}.json"'
            return response
    return TemplateResponse(
        request,
        "applications/admin/privacy.html",
        {"form": form, "submission": submission, "sent_from": sent_from},
    )
