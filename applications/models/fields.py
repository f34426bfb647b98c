"""The fields of a form: the kinds of field editors choose from, each field's words and rules."""

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

    panels = [
        *AbstractFormField.panels,
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
        SynchronizedField("max_upload_mb", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
