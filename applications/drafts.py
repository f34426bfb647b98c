"""Save and finish later: an applicant's answers and files kept as a draft, and a signed link,
emailed to them, to finish on any device within the draft's life (30 days by default).

A draft is not a submission: reviewers, lists and exports never see it. Once sent, it keeps only
which submission it became (its answers and files move to the submission), so that its link can
say so; `purge_drafts` deletes drafts, and their files, once they expire.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.outbox import outgoing, record

from .forms import HONEYPOT_FIELD, TOKEN_FIELD
from .models.drafts import Draft, DraftFile
from .models.fields import FieldType
from .models.submissions import DRAFT_EMAIL
from .references import safe_filename

DRAFT_SALT = "applications.draft"
DRAFT_FIELD = "draft"
SAVE_BUTTON = "save_draft"

INVALID, EXPIRED, SUBMITTED = "invalid", "expired", "submitted"


def lifetime():
    return datetime.timedelta(days=settings.APPLICATIONS_DRAFT_DAYS)


def draft_token(draft):
    return signing.dumps(draft.key, salt=DRAFT_SALT)


def draft_url(draft, full=True):
    page = draft.page
    base = page.get_full_url() if full else page.url
    return f"{base}?{DRAFT_FIELD}={draft_token(draft)}"


def open_draft(token):
    """(draft, problem): the draft the link was made for and None, or None (or the draft) and
    what is wrong: INVALID (forged, mangled, another form's), EXPIRED, SUBMITTED."""
    try:
        key = signing.loads(token or "", salt=DRAFT_SALT, max_age=lifetime().total_seconds())
    except signing.SignatureExpired:
        return None, EXPIRED
    except signing.BadSignature:
        return None, INVALID
    draft = Draft.objects.select_related("submission").filter(key=key).first()
    if draft is None or draft.expires_at <= timezone.now():
        return None, EXPIRED
    if draft.submission_id or draft.submitted_at:
        return draft, SUBMITTED
    return draft, None


def email_field_name(page):
    for field in page.get_form_fields():
        if field.field_type == FieldType.EMAIL:
            return field.clean_name
    return None


def offers_drafts(page):
    return page.allow_drafts and email_field_name(page) is not None


def kept_answers(form):
    """What the applicant typed, as posted, for the form's own fields: kept unchecked."""
    data = {}
    for name, field in form.fields.items():
        if name in (TOKEN_FIELD, HONEYPOT_FIELD) or getattr(field, "kind", "") == FieldType.FILE:
            continue
        values = form.data.getlist(name) if hasattr(form.data, "getlist") else []
        if getattr(field, "kind", "") == FieldType.CHECKBOXES:
            data[name] = values
        elif values and values[-1] != "":
            data[name] = values[-1]
    return data


def check_for_draft(page, form):
    """The errors that stop a draft from being saved: an email address to send the link to,
    and files of the right kind and size. Only these: the rest may be finished later."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    name = email_field_name(page)
    field = form.fields[name]
    address = ""
    if not form.data.get(name, "").strip():
        form.add_error(name, _("Give your email address: we send you the link to your draft."))
    else:
        try:
            address = field.clean(form.data[name])
        except ValidationError as error:
            form.add_error(name, error)
    uploads = {}
    for upload_name in form.files:
        upload_field = form.fields.get(upload_name)
        if getattr(upload_field, "kind", "") != FieldType.FILE:
            continue
        try:
            data = upload_field.widget.value_from_datadict(
                form.data, form.files, form.add_prefix(upload_name)
            )
            cleaned = upload_field.clean(data)
        except ValidationError as error:
            form.add_error(upload_name, error)
            continue
        if cleaned:
            uploads[upload_name] = cleaned
    return address, uploads


def save_draft(page, form, draft=None):
    """Save what the form holds as a draft (a new one, or `draft` again) and email its link;
    None when the form has errors that stop it (they are on the form)."""
    address, uploads = check_for_draft(page, form)
    if form._errors:
        return None
    now = timezone.now()
    with transaction.atomic():
        if draft is None:
            draft = Draft(page=page, key=secrets.token_urlsafe(32))
        draft.email = address
        draft.language = get_language() or page.locale.language_code
        draft.form_data = kept_answers(form)
        draft.saves += 1
        draft.expires_at = now + lifetime()
        draft.save()
        for name, upload in uploads.items():
            for old in draft.files.filter(field_name=name):
                old.delete()
            safe_name = safe_filename(upload.name, upload.detected_kind)
            stored = DraftFile(
                draft=draft,
                field_name=name,
                name=safe_name,
                kind=upload.detected_kind,
                size=upload.size,
            )
            stored.file.save(safe_name, upload, save=True)
        record([outgoing(DRAFT_EMAIL, draft, address, occasion=draft.saves)])
    return draft


def kept_files(draft):
    """{field name: DraftFile} of a draft."""
    if draft is None:
        return {}
    return {stored.field_name: stored for stored in draft.files.all()}


def purge_expired(now=None):
    """Delete the drafts past their expiry, with their files; how many."""
    expired = Draft.objects.filter(expires_at__lte=now or timezone.now())
    count = 0
    for draft in expired.iterator():
        draft.delete()
        count += 1
    return count
