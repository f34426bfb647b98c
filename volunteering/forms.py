"""The volunteers' sign-up, the associations' request, the certificate of service asked for and
checked, and the hours a coordinator records."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from applications.forms import (
    ApplicationForm,
    DateField,
    NumberField,
    PhoneField,
    region_choices,
)
from home.addresses import EmailAddressField
from home.digits import to_latin_digits
from programmes.models import site_today

from .models.skills import MAX_VOLUNTEERS, Skill


def kind(field, name):
    """Marks a field with the kind the form template lays it out by."""
    field.kind = name
    return field


class SignUpForm(ApplicationForm):
    """A volunteer's sign-up: the same few questions for every opportunity."""

    full_name = kind(
        forms.CharField(
            label=_("Full name"),
            max_length=120,
            help_text=_("As it should appear on your certificate of service."),
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        ),
        "singleline",
    )
    email = kind(EmailAddressField(label=_("Email address"), max_length=254), "email")
    phone = kind(PhoneField(label=_("Phone number"), required=False, max_length=40), "phone")
    experience = kind(
        forms.CharField(
            label=_("Your skills and experience"),
            required=False,
            max_length=2000,
            help_text=_("What you have done before that fits this opportunity."),
            widget=forms.Textarea(attrs={"rows": 4}),
        ),
        "multiline",
    )
    consent = kind(
        forms.BooleanField(
            label=_("I agree that my answers are kept to organise this volunteering"),
            error_messages={"required": _("You must agree to continue.")},
        ),
        "consent",
    )


def skill_choices():
    """The skills by name, in the visitor's language where translated."""
    skills = Skill.objects.filter(locale__language_code=get_language())
    if not skills.exists():
        skills = Skill.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return [(skill.name, skill.name) for skill in skills.order_by("name")]


REMOTE = "remote"


class HelpRequestForm(ApplicationForm):
    """An association asks for volunteers."""

    association = kind(
        forms.CharField(
            label=_("Association"),
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        ),
        "singleline",
    )
    contact_name = kind(
        forms.CharField(
            label=_("Contact person"),
            max_length=120,
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        ),
        "singleline",
    )
    email = kind(EmailAddressField(label=_("Email address"), max_length=254), "email")
    phone = kind(PhoneField(label=_("Phone number"), required=False, max_length=40), "phone")
    need = kind(
        forms.CharField(
            label=_("What you need"),
            max_length=120,
            help_text=_("In a few words, for example: repair of ten donated computers."),
        ),
        "singleline",
    )
    details = kind(
        forms.CharField(
            label=_("Details"),
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("What the volunteers will do, with whom, and what you provide."),
        ),
        "multiline",
    )
    skills = kind(
        forms.MultipleChoiceField(
            label=_("Skills needed"), widget=forms.CheckboxSelectMultiple, choices=()
        ),
        "checkboxes",
    )
    region = kind(forms.ChoiceField(label=_("Where"), choices=()), "region")
    starts = kind(DateField(label=_("From")), "date")
    ends = kind(DateField(label=_("Until")), "date")
    volunteers = kind(
        NumberField(
            label=_("Volunteers needed"),
            max_digits=4,
            decimal_places=0,
            min_value=1,
            max_value=MAX_VOLUNTEERS,
        ),
        "number",
    )
    consent = kind(
        forms.BooleanField(
            label=_("I agree that my answers are kept to organise this volunteering"),
            error_messages={"required": _("You must agree to continue.")},
        ),
        "consent",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = skill_choices()
        self.fields["region"].choices = [
            ("", _("Choose a governorate")),
            (REMOTE, _("Remote: from anywhere")),
            *region_choices(),
        ]

    def clean(self):
        cleaned_data = super().clean()
        starts, ends = cleaned_data.get("starts"), cleaned_data.get("ends")
        if ends and ends < site_today():
            self.add_error("ends", _("This date has already passed."))
        elif starts and ends and ends < starts:
            self.add_error("ends", _("The end cannot be before the start."))
        return cleaned_data


class CertificateRequestForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=24,
        help_text=_("As in the confirmation of your sign-up, for example TMK-2026-000123."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    email = EmailAddressField(
        label=_("Email address"), help_text=_("The address you signed up with.")
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed on the certificate, for example ABCD-EFGH-JKLM-NPQR."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )


class HoursField(forms.DecimalField):
    """Hours typed with Latin or Arabic-Indic digits, in steps of half an hour."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "size": 6})
    default_error_messages = {
        "invalid": _("Enter a number of hours, for example 12 or 2.5."),
        "step": _("Record hours in steps of half an hour, for example 2.5."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).replace("٫", ".").replace(",", ".").strip()
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            try:
                if (value * 2) != (value * 2).to_integral_value():
                    raise forms.ValidationError(self.error_messages["step"], code="step")
            except InvalidOperation as error:
                raise forms.ValidationError(self.error_messages["invalid"]) from error
        return value


class HoursForm(forms.Form):
    sign_up = forms.IntegerField(widget=forms.HiddenInput)
    hours = HoursField(
        label=_("Hours"),
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0.5"),
        error_messages={"min_value": _("Record at least half an hour.")},
    )
    served_on = DateField(label=_("Up to the day"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
