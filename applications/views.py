from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.addresses import EmailAddressField
from home.ratelimit import allow

from .drafts import (
    DRAFT_FIELD,
    INVALID,
    SAVE_BUTTON,
    SUBMITTED,
    email_field_name,
    kept_files,
    offers_drafts,
    open_draft,
    save_draft,
)
from .forms import HONEYPOT_FIELD, TOKEN_FIELD
from .models.registrations import Registration
from .models.submissions import Submission
from .references import normalise_reference
from .registrations import (
    AlreadyRegistered,
    NoPlaceLeft,
    cancel,
    read_cancel_token,
    registration_context,
)
from .submissions import store_submission

REGISTERED_ALREADY = _(
    "This email address is registered for this event already, and its confirmation was sent "
    "to it. Check the status of your registration with its reference number."
)


def rate_limited(request):
    return TemplateResponse(request, "applications/rate_limited.html", {}, status=429)


# What a post carries besides the answers.
NOT_ANSWERS = {"csrfmiddlewaretoken", TOKEN_FIELD, HONEYPOT_FIELD, DRAFT_FIELD, SAVE_BUTTON}


def refused_for_now(page, request, context, kept):
    """Over the rate limit: nothing is read or stored, and the form comes back as it was typed
    (files aside), to send again once the limit has passed."""
    typed = {
        name: values if len(values) > 1 else values[0]
        for name, values in request.POST.lists()
        if name not in NOT_ANSWERS
    }
    form = page.get_form(page=page, user=request.user, kept_files=kept, initial=typed)
    context.update(form=form, rate_limited=True, files_lost=bool(request.FILES))
    response = TemplateResponse(request, page.get_template(request), context, status=429)
    response["Retry-After"] = str(settings.RATE_LIMITS["submit"][1])
    return response


def serve_form(page, request):
    """The form, its closed notice, its errors or its confirmation; a draft saved or resumed.

    A closed form refuses a posted submission too. A token already used gives back the
    submission it created, so a double click or a reload stores nothing twice.
    """
    context = page.get_context(request)
    status, programme = page.availability()
    context.update(availability=status, programme=programme, **registration_context(page))
    if status != "open":
        return TemplateResponse(
            request,
            page.get_template(request),
            context,
            status=403 if request.method == "POST" else 200,
        )
    drafts = offers_drafts(page)
    context["offers_drafts"] = drafts
    draft, problem = None, None
    token = (request.POST if request.method == "POST" else request.GET).get(DRAFT_FIELD)
    if drafts and token:
        draft, problem = open_draft(token)
        if draft is not None and draft.page_id != page.pk:
            draft, problem = None, INVALID
        context["draft_problem"] = problem
        if problem == SUBMITTED:
            # Sent already: the link says so, with its reference, and shows no form.
            context["sent_draft"] = draft
            return TemplateResponse(request, page.get_template(request), context)
        if problem is None:
            context.update(draft=draft, draft_token=token)
    kept = kept_files(draft) if problem is None else {}
    context["kept_files"] = kept
    if request.method == "POST":
        if not allow(request, "submit"):
            return refused_for_now(page, request, context, kept)
        form = page.get_form(
            request.POST, request.FILES, page=page, user=request.user, kept_files=kept
        )
        if form.is_spam:
            # Said to have worked, so that the robot learns nothing; nothing is stored.
            return page.render_landing_page(request, None, context=context)
        if drafts and SAVE_BUTTON in request.POST:
            saved = save_draft(page, form, draft if problem is None else None)
            if saved is not None:
                context.update(saved_draft=saved)
                return TemplateResponse(request, "applications/draft_saved.html", context)
        elif form.is_valid():
            try:
                submission, created = store_submission(
                    page, form, draft=draft if problem is None else None
                )
            except NoPlaceLeft:
                context.update(availability="full", seats_left=0)
                return TemplateResponse(request, page.get_template(request), context, status=409)
            except AlreadyRegistered:
                form.add_error(email_field_name(page), REGISTERED_ALREADY)
                context["form"] = form
                return TemplateResponse(request, page.get_template(request), context, status=409)
            context["sent_before"] = not created
            return page.render_landing_page(request, submission, context=context)
        # Files cannot be kept between two posts: the applicant selects them again.
        context["files_lost"] = bool(request.FILES) or (
            page.has_file_fields and len(kept) < page.file_field_count
        )
    else:
        initial = draft.form_data if draft is not None and problem is None else None
        form = page.get_form(page=page, user=request.user, kept_files=kept, initial=initial or {})
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context)


def cancel_registration(index_page, request, token):
    """A registration's cancellation link: what it is for, then (posted) the cancellation.
    A link used twice, forged, or for an event already started, says so."""
    context = index_page.get_context(request)
    registration = read_cancel_token(token)
    status = 200
    if registration is None:
        context["problem"] = "invalid"
        status = 404
    else:
        event = registration.event
        event = event.get_translation_or_none(index_page.locale) or event
        context.update(registration=registration, event=event)
        if registration.state == Registration.State.CANCELLED:
            context["problem"] = "cancelled"
        elif event.starts <= timezone.now():
            context["problem"] = "started"
            status = 403 if request.method == "POST" else 200
        elif request.method == "POST":
            if not allow(request, "status"):
                return rate_limited(request)
            if cancel(registration):
                context["cancelled"] = True
            else:
                context["problem"] = "cancelled"
    return TemplateResponse(
        request, "applications/cancel_registration.html", context, status=status
    )


class StatusCheckForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=24,
        help_text=_("As in your confirmation, for example TMK-2026-000123."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    email = EmailAddressField(
        label=_("Email address"), help_text=_("The address you gave in the form.")
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


def told_to_applicant(submission):
    """What the applicant has been told, oldest first: that it was received, each change of
    status and each message to them; never the reviewers' notes or names."""
    told, status = [], None
    for event in submission.history.all():
        if event.status != status or event.message:
            told.append(event)
        status = event.status
    return told


def status_check(index_page, request):
    context = index_page.get_context(request)
    result = None
    if request.method == "POST":
        if not allow(request, "status"):
            return rate_limited(request)
        form = StatusCheckForm(request.POST)
        if form.is_valid():
            result = find_submission(form.cleaned_data["reference"], form.cleaned_data["email"])
            context.update(checked=True, told=result and told_to_applicant(result))
    else:
        # The applicant's emails and confirmation link here with their reference: only their
        # address is left to type.
        form = StatusCheckForm(initial={"reference": request.GET.get("reference", "")[:24]})
    context.update(form=form, result=result)
    return TemplateResponse(request, "applications/status_check.html", context)
