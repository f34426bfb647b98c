"""Email addresses as people paste them.

An address copied from Arabic text often carries invisible marks (the right-to-left mark after
it, a zero-width joiner inside it). Django's validator accepts them in a domain, and then no mail
server can be given the address: every email to it fails while the applicant was told it was
sent. The marks are dropped before the address is checked, and a domain that still cannot be
written for a mail server is refused.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def plain_address(text: str) -> str:
    """The address without Unicode's invisible formatting characters (category Cf)."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def deliverable_address(value):
    """Django's check of an address, then its domain written as a mail server is given it."""
    validate_email(value)
    try:
        value.rpartition("@")[2].encode("idna")
    except UnicodeError:
        raise ValidationError(validate_email.message, code=validate_email.code) from None


class EmailAddressField(forms.EmailField):
    widget = forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"})
    default_validators = [deliverable_address]

    def to_python(self, value):
        return super().to_python(plain_address(value) if isinstance(value, str) else value)
