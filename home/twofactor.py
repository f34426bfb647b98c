"""Two-factor logins for the admin: a one-time code (TOTP) after the password.

Staff in `TWO_FACTOR_REQUIRED_GROUPS` (and superusers when `TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`)
cannot use the admin until they confirm the login with a code from an authenticator app. The first
time, the same page enrols their app with a QR code. Others may enrol too: once they have a device,
their logins are confirmed the same way.
"""

from base64 import b32encode
from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def requires_two_factor(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def needs_code(user):
    """Signed in with a password, but the one-time code this account needs is still missing."""
    if not user.is_authenticated or user.is_verified():
        return False
    return user_has_device(user) or requires_two_factor(user)


class TwoFactorMiddleware:
    """Sends staff who still owe a code to the code page before any other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = reverse("wagtailadmin_home")
        open_paths = (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("two_factor"),
            reverse("wagtailadmin_password_reset"),
        )
        path = request.path
        if path.startswith(admin) and not path.startswith(open_paths) and needs_code(request.user):
            return redirect(f"{reverse('two_factor')}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is not right, or has expired. Enter the code your app shows now.")
            )
        return code


def _device(user):
    """The user's confirmed device, or the one being set up (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _qr_svg(url):
    # segno writes the SVG itself: safe to inline, and no image request leaves the page.
    return mark_safe(  # noqa: S308
        segno.make(url, error="m").svg_inline(scale=5, title=str(_("QR code for your app")))
    )


def two_factor(request):
    device = _device(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(next_url or reverse("wagtailadmin_home"))
    context = {"form": form, "device": device, "next": next_url}
    if not device.confirmed:
        secret = b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr"] = _qr_svg(device.config_url)
    return TemplateResponse(request, "home/editors/two_factor.html", context)
