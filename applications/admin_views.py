"""Reviewing submissions in the admin: the filtered list and its exports, one submission with its
status, notes, history and files, and one applicant's data exported or erased by reference.

Everything here is limited to the forms whose submissions the editor may see
(`get_forms_for_user`, Wagtail's own rule for form submissions).
"""

import json

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import (
    FormPagesListView,
    SubmissionsListFilterSet,
    SubmissionsListView,
)

from .models import Status, Submission, SubmissionFile
from .references import FILE_TYPES, normalise_reference, spreadsheet_safe


def may_see(user, submission):
    return get_forms_for_user(user).filter(pk=submission.page_id).exists()


def visible_submission(request, **lookup):
    submission = get_object_or_404(Submission.objects.select_related("page"), **lookup)
    if not may_see(request.user, submission):
        raise PermissionDenied
    return submission


class FormsIndexView(FormPagesListView):
    """Wagtail's list of forms, open to whoever may see a form's submissions: Wagtail asks for a
    page permission, which reviewers (who edit no page) do not have."""

    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not get_forms_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewFilterSet(SubmissionsListFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)


class ReviewSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list with the status filter, a link to review each submission, and
    exports in which no cell can run as a formula."""

    filterset_class = ReviewFilterSet
    results_template_name = "applications/admin/list_submissions.html"
    orderable_fields = ("id", "submit_time", "reference", "status")

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context.get("data_rows", []):
            row["review_url"] = reverse("applications_review", args=[row["model_id"]])
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


def review(request, pk):
    submission = visible_submission(request, pk=pk)
    page = submission.page.specific
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            changed = submission.set_status(
                form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"]
            )
            if changed or form.cleaned_data["note"]:
                messages.success(request, _("Submission %s updated.") % submission.reference)
            return redirect("applications_review", pk=submission.pk)
    else:
        form = ReviewForm(initial={"status": submission.status})
    labels = dict(page.get_data_fields())
    answers = [
        (labels.get(name, name), ", ".join(map(str, v)) if isinstance(v, list) else v)
        for name, v in submission.form_data.items()
    ]
    return TemplateResponse(
        request,
        "applications/admin/review.html",
        {
            "submission": submission,
            "form_page": page,
            "answers": answers,
            "files": submission.files.all(),
            "history": submission.history.select_related("user"),
            "form": form,
            "list_url": reverse("wagtailforms:list_submissions", args=[page.pk]),
        },
    )


def download(request, pk):
    """A stored document, for editors allowed to see its form's submissions only."""
    stored = get_object_or_404(SubmissionFile.objects.select_related("submission"), pk=pk)
    if not may_see(request.user, stored.submission):
        raise PermissionDenied
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
            {"time": event.time, "status": event.status} for event in submission.history.all()
        ],
    }


class ReferenceForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Reference number"), max_length=24)


def privacy(request):
    """Find one applicant's submission by reference; export it as JSON or erase it."""
    form = ReferenceForm(request.POST or request.GET or None)
    submission = None
    if form.is_valid():
        reference = normalise_reference(form.cleaned_data["reference"])
        submission = Submission.objects.select_related("page").filter(reference=reference).first()
        if submission is not None and not may_see(request.user, submission):
            submission = None
        if submission is None:
            form.add_error("reference", _("No submission you may see has this reference."))
        elif request.method == "POST" and "erase" in request.POST:
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
        request, "applications/admin/privacy.html", {"form": form, "submission": submission}
    )
