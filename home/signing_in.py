"""The admin's sign-in form: Wagtail's, with its password field labelled in the admin's language.
Wagtail's form declares the field without a label, so Django names it after the field, in
English, whatever the language: every Arabic and French editor read "Password"."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
