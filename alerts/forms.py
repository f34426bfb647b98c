from django import forms
from django.utils.translation import gettext_lazy as _

from home.addresses import EmailAddressField
from news.models import NewsCategory
from programmes.models import ProgrammePage
from programmes.status import ANNOUNCED, UPCOMING

from .models import Alert


class AlertForm(forms.Form):
    """An address and what to be told about. `website` is a honeypot: hidden from people, filled
    by robots that fill every field."""

    email = EmailAddressField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as name@example.org."),
        },
    )
    kind = forms.ChoiceField(choices=Alert.Kind.choices, widget=forms.HiddenInput)
    target = forms.CharField(max_length=200, widget=forms.HiddenInput)
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    @property
    def is_robot(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        kind, target = cleaned.get("kind"), cleaned.get("target", "")
        if not kind or not target:
            raise forms.ValidationError(_("This alert no longer exists."), code="subject")
        subject = {"programme": None, "track": "", "category": None}
        if kind == Alert.Kind.PROGRAMME:
            programme = (
                ProgrammePage.objects.live().public().filter(pk=target).first()
                if target.isdigit()
                else None
            )
            if programme is None or programme.status() not in (ANNOUNCED, UPCOMING):
                raise forms.ValidationError(
                    _("Alerts are offered for programmes that have not opened yet."),
                    code="subject",
                )
            subject["programme"] = programme
        elif kind == Alert.Kind.TRACK:
            if (
                not ProgrammePage.objects.live()
                .filter(track=target, locale__language_code=self.language)
                .exists()
            ):
                raise forms.ValidationError(_("This alert no longer exists."), code="subject")
            subject["track"] = target
        else:
            category = NewsCategory.objects.filter(pk=target).first() if target.isdigit() else None
            if category is None:
                raise forms.ValidationError(_("This alert no longer exists."), code="subject")
            subject["category"] = category
        cleaned["subject"] = subject
        return cleaned
