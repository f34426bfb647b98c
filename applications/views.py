from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from home.ratelimit import allow

from .models import Submission
from .references import normalise_reference
from .submissions import store_submission


def rate_limited(request):
    return TemplateResponse(request, "applications/rate_limited.html", {}, status=429)


def serve_form(page, request):
    """The form, its closed notice, its errors or its confirmation.

    A closed form refuses a posted submission too. A token already used gives back the
    submission it created, so a double click or a reload stores nothing twice.
    """
    context = page.get_context(request)
    status, programme = page.availability()
    context.update(availability=status, programme=programme)
    if status != "open":
        return TemplateResponse(
            request,
            page.get_template(request),
            context,
            status=403 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        if not allow(request, "submit"):
            return rate_limited(request)
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if form.is_spam:
            # Said to have worked, so that the robot learns nothing; nothing is stored.
            return landing_page(page, request, context, None)
        if form.is_valid():
            submission, _created = store_submission(page, form)
            return landing_page(page, request, context, submission)
        # Files cannot be kept between two posts: the applicant selects them again.
        context["files_lost"] = bool(request.FILES) or page.has_file_fields
    else:
        form = page.get_form(page=page, user=request.user)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context)


def landing_page(page, request, context, submission):
    """The confirmation, with the context the form already has: Wagtail's
    `render_landing_page` would build it a second time."""
    context["form_submission"] = submission
    return TemplateResponse(request, page.get_landing_page_template(request), context)


class StatusCheckForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=24,
        help_text=_("As in your confirmation, for example TMK-2026-000123."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address you gave in the form."),
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )


def find_submission(reference, email):
    """The submission with this reference and email, else None: the caller cannot tell which
    of the two did not match."""
    submission = Submission.objects.filter(reference=normalise_reference(reference)).first()
    if submission is None or not submission.email:
        return None
    if submission.email.strip().lower() != email.strip().lower():
        return None
    return submission


def status_check(index_page, request):
    context = index_page.get_context(request)
    result = None
    if request.method == "POST":
        if not allow(request, "status"):
            return rate_limited(request)
        form = StatusCheckForm(request.POST)
        if form.is_valid():
            result = find_submission(form.cleaned_data["reference"], form.cleaned_data["email"])
            context["checked"] = True
    else:
        form = StatusCheckForm()
    context.update(form=form, result=result)
    return TemplateResponse(request, "applications/status_check.html", context)
