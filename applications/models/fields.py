"""The fields of a form: the kinds of field editors choose from, each field's words and rules."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class FieldType(models.TextChoices):
    SINGLE_LINE = "singleline", _("Single line text")
    MULTI_LINE = "multiline", _("Multi-line text")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone number")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    DROPDOWN = "dropdown", _("Drop down")
    RADIO = "radio", _("Radio buttons")
    CHECKBOXES = "checkboxes", _("Checkboxes")
    REGION = "region", _("Region")
    CONSENT = "consent", _("Consent to the privacy policy")
    FILE = "file", _("File upload")


class Purpose(models.TextChoices):
    """What a field asks of the person filling it in, as the HTML autocomplete tokens name it:
    their browser or phone fills it in, and assistive technologies say what it is for (WCAG
    1.3.5)."""

    NONE = "", _("Nothing about the person (or not to fill in)")
    NAME = "name", _("Their full name")
    GIVEN_NAME = "given-name", _("Their first name")
    FAMILY_NAME = "family-name", _("Their family name")
    ORGANIZATION = "organization", _("Their organisation")
    JOB_TITLE = "organization-title", _("Their job title")
    EMAIL = "email", _("Their email address")
    TELEPHONE = "tel", _("Their telephone number")
    BIRTHDAY = "bday", _("Their date of birth")
    STREET_ADDRESS = "street-address", _("Their street address")
    CITY = "address-level2", _("Their city or town")
    REGION = "address-level1", _("Their governorate or region")
    COUNTRY = "country-name", _("Their country")
    WEBSITE = "url", _("Their website")


# Kinds whose answer is a choice among the form's own options or a file: nothing to fill in.
# (Email and phone fields carry their purpose in their widgets, forms.py.)
NOT_FILLED_IN = {FieldType.RADIO, FieldType.CHECKBOXES, FieldType.CONSENT, FieldType.FILE}


class ApplicationFormField(TranslatableMixin, AbstractFormField):
    """One field of a form. Its words are translated with the page; what decides how an answer
    is checked and stored stays the same in every language, so that the submissions of all the
    translations share their keys in the review list and the exports."""

    page = ParentalKey("ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=FieldType.choices)
    field_type.required_on_save = True
    max_upload_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        default=10,
        help_text=_("For file uploads only."),
    )
    autocomplete = models.CharField(
        _("what it asks of the person"),
        max_length=32,
        choices=Purpose.choices,
        blank=True,
        help_text=_(
            "Lets browsers and phones fill in the person's own details, and tells screen "
            "readers what the field is for. Email and phone number fields need nothing here."
        ),
    )

    panels = [
        *AbstractFormField.panels,
        FieldPanel("autocomplete"),
        FieldPanel("max_upload_mb"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("autocomplete", overridable=False),
        SynchronizedField("max_upload_mb", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if self.autocomplete and self.field_type in NOT_FILLED_IN:
            raise ValidationError(
                {"autocomplete": _("A browser cannot fill in this kind of field: leave it empty.")}
            )
