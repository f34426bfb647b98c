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
        cleaned["subject"] = subject_of(
            cleaned.get("kind"), cleaned.get("target", ""), self.language
        )
        return cleaned

    @property
    def about(self):
        """What the alert asked for is about, as the page names it: {"kind", "name", "url"}, or
        None when it no longer exists."""
        if self.is_bound:
            subject = getattr(self, "cleaned_data", {}).get("subject")
        else:
            try:
                subject = subject_of(
                    self.initial.get("kind"), str(self.initial.get("target", "")), self.language
                )
            except forms.ValidationError:
                subject = None
        if not subject:
            return None
        if subject["programme"] is not None:
            programme = subject["programme"]
            return {
                "kind": Alert.Kind.PROGRAMME.label,
                "name": programme.title,
                "url": programme.url,
            }
        if subject["category"] is not None:
            return {"kind": Alert.Kind.CATEGORY.label, "name": subject["category"].name, "url": ""}
        return {"kind": Alert.Kind.TRACK.label, "name": subject["track"], "url": ""}


def subject_of(kind, target, language):
    """{"programme", "track", "category"} of an alert asked for, one of them set; a
    ValidationError when it no longer exists (or never did)."""
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
            .filter(track=target, locale__language_code=language)
            .exists()
        ):
            raise forms.ValidationError(_("This alert no longer exists."), code="subject")
        subject["track"] = target
    elif kind == Alert.Kind.CATEGORY:
        category = NewsCategory.objects.filter(pk=target).first() if target.isdigit() else None
        if category is None:
            raise forms.ValidationError(_("This alert no longer exists."), code="subject")
        subject["category"] = category
    else:
        raise forms.ValidationError(_("This alert no longer exists."), code="subject")
    return subject
