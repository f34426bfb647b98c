import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DURATIONS, LEVELS, NAME_MAX_LENGTH, TOPICS


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, sent by GET; a value that is not offered is ignored."""

    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *TOPICS]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *LEVELS]
    )
    duration = forms.ChoiceField(
        label=_("Length"),
        required=False,
        choices=[("", _("Any length")), *[(value, label) for value, label, *bounds in DURATIONS]],
    )

    @property
    def has_filters(self):
        return any(self.valid_filters().values())

    def valid_filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, modules):
        filters = self.valid_filters()
        if filters.get("topic"):
            modules = modules.filter(topic=filters["topic"])
        if filters.get("level"):
            modules = modules.filter(level=filters["level"])
        if filters.get("duration"):
            _value, _label, shortest, longest = next(
                d for d in DURATIONS if d[0] == filters["duration"]
            )
            condition = Q(duration_minutes__gte=shortest)
            if longest is not None:
                condition &= Q(duration_minutes__lte=longest)
            modules = modules.filter(condition)
        return modules


# Letters of any script (with Arabic diacritics and tatweel), separated by spaces and the
# punctuation names really contain; no digits, no markup.
LETTER = r"(?:[^\W\d_]|[\u0640\u064B-\u065F\u0670])"
NAME_PATTERN = re.compile(rf"^{LETTER}+(?:[\s.'’\-]+{LETTER}+)*\.?$")


class CertificateForm(forms.Form):
    name = forms.CharField(
        label=_("Your name as it should appear on the certificate"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Letters, spaces, hyphens and apostrophes; up to 100 characters."),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not NAME_PATTERN.match(name):
            raise forms.ValidationError(
                _("Write your name with letters only (spaces, hyphens and apostrophes are fine).")
            )
        return name


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed on the certificate, for example ABCD-EFGH-JKLM-NPQR."),
    )
