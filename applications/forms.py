"""The form builder's field types, and what every public form carries besides its fields."""

import secrets
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.addresses import EmailAddressField
from home.caching import remember
from home.digits import to_latin_digits
from home.numerals import file_size
from programmes.models import Region, source_language_only

from .references import (
    DEFAULT_FILE_TYPES,
    FILE_TYPES,
    detect_file_type,
    normalise_phone,
)

TOKEN_FIELD = "form_token"  # noqa: S105 - a field name
HONEYPOT_FIELD = "website"
TOKEN_SALT = "applications.form-token"  # noqa: S105 - a signing namespace


def new_token(page_id):
    """A signed one-time token for one rendering of a form: a submission stores it, so the same
    token cannot create a second submission (double click, reload, replay)."""
    return signing.dumps({"p": page_id, "n": secrets.token_urlsafe(16)}, salt=TOKEN_SALT)


def read_token(value, page_id):
    """The token's nonce when it was issued for this form and has not expired, else None."""
    try:
        data = signing.loads(
            value or "", salt=TOKEN_SALT, max_age=settings.APPLICATIONS_FORM_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != page_id:
        return None
    return data.get("n")


class PhoneField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "dir": "ltr"})
    default_error_messages = {
        "invalid": _("Enter a phone number of 6 to 15 digits, for example 0933123456.")
    }

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        phone = normalise_phone(value)
        if phone is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return phone


class NumberField(forms.DecimalField):
    """A number typed with Latin or Arabic-Indic digits (and the Arabic decimal separator)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"})
    # Django's own words count digits with a plural its Arabic catalogue gets wrong ("15 أرقام").
    default_error_messages = {
        "max_digits": _("Enter a shorter number (digits at most: %(max)s)."),
        "max_whole_digits": _("Enter a smaller number (digits before the decimal point: %(max)s)."),
        "max_decimal_places": _("Enter fewer decimals (digits after the decimal point: %(max)s)."),
    }

    def __init__(self, *, max_digits=15, decimal_places=4, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        if decimal_places == 0:
            self.error_messages["max_decimal_places"] = _("Enter a whole number.")

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).replace("٫", ".").replace("٬", "").strip()
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        # JSON has no decimals: store a plain number.
        if isinstance(value, Decimal):
            try:
                return int(value) if value == value.to_integral_value() else float(value)
            except (InvalidOperation, OverflowError):
                return str(value)
        return value


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value)
        return super().to_python(value)


# Stands for two files or more sent in one file field.
SEVERAL_FILES = object()


class OneFileInput(forms.ClearableFileInput):
    """Tells two files sent in one field apart from one: Django would keep the last and drop the
    others without a word."""

    def value_from_datadict(self, data, files, name):
        if len(files.getlist(name)) > 1:
            return SEVERAL_FILES
        return super().value_from_datadict(data, files, name)


class UploadField(forms.FileField):
    """A document checked by its content: one file, not empty, not too large, of an allowed
    type."""

    default_error_messages = {
        "several": _("Choose one file only for this field."),
        "empty": _("The selected file is empty."),
        "too_large": _("The file is larger than %(limit)s."),
        "type": _("This file is not a PDF, JPEG, PNG or Word (DOCX) document."),
    }

    def __init__(self, *, max_size, kinds=DEFAULT_FILE_TYPES, **kwargs):
        self.max_size = max_size
        self.kinds = kinds
        kwargs.setdefault(
            "widget",
            OneFileInput(
                attrs={"accept": ",".join(FILE_TYPES[k][0] + "," + FILE_TYPES[k][1] for k in kinds)}
            ),
        )
        super().__init__(allow_empty_file=False, **kwargs)

    def clean(self, data, initial=None):
        if data is SEVERAL_FILES:
            raise ValidationError(self.error_messages["several"], code="several")
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if upload.size > self.max_size:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"limit": file_size(self.max_size)},
            )
        kind = detect_file_type(upload)
        if kind not in self.kinds:
            raise ValidationError(self.error_messages["type"], code="type")
        upload.detected_kind = kind
        return upload


def upload_limit(field):
    """The largest file a file field takes, in bytes: what the form checks, and what the
    programme page above it promises."""
    mb = getattr(field, "max_upload_mb", None) or settings.APPLICATIONS_MAX_UPLOAD_MB
    # Within what the site reads of a request at all (home/limits.py).
    return min(mb, settings.UPLOAD_MAX_MB) * 1024 * 1024


class ApplicationForm(BaseForm):
    """Every public form: its one-time token and a honeypot that people never see."""

    def __init__(self, *args, kept_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Files kept with a draft: a field that has one needs no new file.
        self.kept_files = kept_files or {}
        for name, stored in self.kept_files.items():
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].kept = stored
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        if not self.is_bound and self.page is not None:
            self.initial[TOKEN_FIELD] = new_token(self.page.pk)

    def full_clean(self):
        super().full_clean()
        # Each field with an error points at its message (and its hint) for screen readers.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if bound.help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    @property
    def visible_fields_only(self):
        return [f for f in self if f.name not in (TOKEN_FIELD, HONEYPOT_FIELD)]

    def clean(self):
        cleaned_data = super().clean()
        if self.page is not None:
            nonce = read_token(cleaned_data.get(TOKEN_FIELD), self.page.pk)
            if nonce is None:
                # A fresh token, so that sending the form again works.
                self.data = self.data.copy()
                self.data[TOKEN_FIELD] = new_token(self.page.pk)
                raise ValidationError(
                    _("This form has expired. Check your answers and send it again."),
                    code="token",
                )
            cleaned_data["nonce"] = nonce
        return cleaned_data

    @property
    def answers(self):
        """The applicant's answers as stored: without token, honeypot and files."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (TOKEN_FIELD, HONEYPOT_FIELD, "nonce") and name not in self.files
        }


def region_choices():
    """The programme's regions by name, in the visitor's language where translated; remembered
    until the content changes, as every form with a region field asks."""

    def choices():
        regions = list(Region.objects.filter(source_language_only()))
        if get_language() != settings.LANGUAGE_CODE:
            translated = {
                region.translation_key: region
                for region in Region.objects.filter(locale__language_code=get_language(), live=True)
            }
            regions = [translated.get(region.translation_key, region) for region in regions]
        return sorted((region.name, region.name) for region in regions)

    return remember(f"region-choices:{get_language()}", choices)


class ApplicationFormBuilder(FormBuilder):
    @property
    def formfields(self):
        formfields = super().formfields
        for field, formfield in zip(self.fields, formfields.values(), strict=True):
            formfield.kind = field.field_type
            if field.autocomplete:
                formfield.widget.attrs["autocomplete"] = field.autocomplete
        return formfields

    def get_form_class(self):
        return type("ApplicationForm", (ApplicationForm,), self.formfields)

    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = 5000
        options["widget"] = forms.Textarea(attrs={"rows": 5})
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        return EmailAddressField(**options)

    def create_phone_field(self, field, options):
        return PhoneField(max_length=40, **options)

    def create_number_field(self, field, options):
        return NumberField(**options)

    def create_date_field(self, field, options):
        return DateField(**options)

    def create_region_field(self, field, options):
        options["choices"] = [("", _("Choose a governorate")), *region_choices()]
        return forms.ChoiceField(**options)

    def create_consent_field(self, field, options):
        options["required"] = True
        options["initial"] = False
        options["error_messages"] = {"required": _("You must agree to continue.")}
        return forms.BooleanField(**options)

    def create_file_field(self, field, options):
        options.pop("initial", None)
        return UploadField(max_size=upload_limit(field), **options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", _("Choose"))] + self.get_formatted_field_choices(field)
        return forms.ChoiceField(**options)
