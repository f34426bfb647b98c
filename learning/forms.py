import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import NAME_MAX_LENGTH

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
