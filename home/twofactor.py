"""Two-factor logins for the admin: a one-time code (TOTP) after the password.

Staff in `TWO_FACTOR_REQUIRED_GROUPS` (and superusers when `TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`)
cannot use the admin until they confirm the login with a code from an authenticator app. The first
time, the same page enrols their app with a QR code, then shows backup codes once: single-use codes
(django-otp's static devices) that stand in for the app when the phone is lost. Others may enrol
too: once they have a device, their logins are confirmed the same way. A site administrator can
reset a colleague's devices; that colleague enrols again at the next login.
"""

import functools
from base64 import b32encode
from urllib.parse import quote, urlsplit

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .digits import to_latin_digits
from .roles import SITE_ADMINISTRATORS

DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
# New backup codes wait here between the request that makes them and the page that shows them
# once, so that reloading that page never shows them again.
NEW_BACKUP_CODES = "two_factor_new_backup_codes"
RESET_ACTION = "home.two_factor_reset"

# Arabic-Indic and Persian digits, as an Arabic keyboard types them.


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


def is_site_administrator(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists()
    )


def can_reset(administrator, colleague):
    """Site administrators reset two-step logins; only a superuser resets a superuser's."""
    return is_site_administrator(administrator) and (
        administrator.is_superuser or not colleague.is_superuser
    )


def is_page_request(request):
    """A browser navigating to a page, which the code page can stand in for.

    Scripts, images, the icon sprite and XHR/fetch calls would receive the code page as their
    content (and a `next` pointing at them), so they are told no instead.
    """
    if request.method not in ("GET", "HEAD") or "X-Requested-With" in request.headers:
        return False
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode is not None:
        return mode == "navigate"
    accept = request.headers.get("Accept")
    return accept is None or "text/html" in accept


def _not_pages():
    """Admin addresses that are never a page to return to after the code."""
    return (
        reverse("wagtailadmin_sprite"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("two_factor"),
    )


def safe_next(request, url):
    """Where to go once the code is given: `url` when it is a page of this site, else the admin."""
    allowed = url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    )
    if allowed and not urlsplit(url).path.startswith(_not_pages()):
        return url
    return reverse("wagtailadmin_home")


@functools.cache
def _admin_paths():
    """The admin's address, the code page's, and the admin addresses open before the code: the
    sprite and the JavaScript catalogue are served to anyone (the login page uses them), and the
    code page needs them too. Worked out once, not on every request."""
    open_paths = (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        reverse("wagtailadmin_sprite"),
        reverse("wagtailadmin_javascript_catalog"),
    )
    return reverse("wagtailadmin_home"), reverse("two_factor"), open_paths


class TwoFactorMiddleware:
    """Sends staff who still owe a code to the code page before any other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin, code_page, open_paths = _admin_paths()
        path = request.path
        # Public pages never reach the rest (no user to look at, no session to read).
        if not path.startswith(admin):
            return self.get_response(request)
        is_open = path == code_page or path.startswith(open_paths)
        if not is_open and needs_code(request.user):
            if is_page_request(request):
                return redirect(f"{code_page}?next={quote(request.get_full_path())}")
            return HttpResponse(
                gettext("Confirm your login with a one-time code first."),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _digits(value):
    return to_latin_digits(value.strip())


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = _digits(self.cleaned_data["code"]).replace(" ", "")
        if not self.device.verify_is_allowed()[0]:
            raise forms.ValidationError(_("Too many wrong codes. Wait a moment, then try again."))
        if len(code) == 6 and code.isdigit() and self.device.verify_token(code):
            return code
        if len(code) == 6 and code.isdigit() and self._already_used(int(code)):
            raise forms.ValidationError(
                _("This code has already been used. Wait for your app to show a new code.")
            )
        raise forms.ValidationError(
            _("This code is not right, or has expired. Enter the code your app shows now.")
        )

    def _already_used(self, code):
        """The code is the app's current one, refused only because a login used it already."""
        device = self.device
        current = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        return device.last_t >= 0 and current.verify(code, device.tolerance)


def normalise_backup_code(value):
    # Codes are shown in two groups of four ("abcd-efgh"); any spacing or case is accepted.
    return "".join(ch for ch in _digits(value).lower() if ch.isalnum())


def make_backup_codes(user):
    """New backup codes for `user`, replacing the old ones (which stop working)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def use_backup_code(device, code):
    """Spends one of the device's backup codes; True if it was still unused.

    The delete is the check, so two logins racing with the same code cannot both get in.
    """
    used, _rows = StaticToken.objects.filter(device=device, token=code).delete()
    if used:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
    else:
        device.throttle_increment()
    return bool(used)


class BackupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Backup code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = normalise_backup_code(self.cleaned_data["code"])
        if self.device is None:
            raise forms.ValidationError(
                _(
                    "Your account has no backup codes. Ask a site administrator to reset your "
                    "two-step login."
                )
            )
        if not self.device.verify_is_allowed()[0]:
            raise forms.ValidationError(_("Too many wrong codes. Wait a moment, then try again."))
        if not use_backup_code(self.device, code):
            raise forms.ValidationError(
                _(
                    "This backup code is not right, or has already been used: each code works "
                    "once. Try another of your codes."
                )
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


def _backup_codes_url(next_url):
    return f"{reverse('two_factor_backup_codes')}?next={quote(next_url)}"


def two_factor(request):
    """The code page: enrols the authenticator app, or confirms a login with its code or a
    backup code (`?backup=1`)."""
    device = _device(request.user)
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_verified() and device.confirmed:
        return redirect(_backup_codes_url(next_url))
    backup = device.confirmed and bool(request.POST.get("backup") or request.GET.get("backup"))
    data = request.POST if request.method == "POST" else None
    form = BackupCodeForm(request.user, data) if backup else CodeForm(device, data)
    if form.is_valid():
        if backup:
            otp_login(request, form.device)
            messages.warning(
                request,
                _(
                    "You logged in with a backup code; it will not work again. If you lost your "
                    "phone, ask a site administrator to reset your two-step login."
                ),
            )
            return redirect(next_url)
        otp_login(request, device)
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session[NEW_BACKUP_CODES] = make_backup_codes(request.user)
            return redirect(_backup_codes_url(next_url))
        return redirect(next_url)
    context = {"form": form, "device": device, "next": next_url, "backup": backup}
    if not device.confirmed:
        secret = b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr"] = _qr_svg(device.config_url)
    return TemplateResponse(request, "home/editors/two_factor.html", context)


def backup_codes(request):
    """New backup codes, shown once; how many are left, and a way to make new ones."""
    if not request.user.is_verified():
        return redirect("two_factor")
    if request.method == "POST":
        request.session[NEW_BACKUP_CODES] = make_backup_codes(request.user)
        return redirect(_backup_codes_url(safe_next(request, request.POST.get("next"))))
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    left = StaticToken.objects.filter(device__user=request.user, device__confirmed=True).count()
    context = {
        "codes": [f"{code[:4]}-{code[4:]}" for code in codes or ()],
        "left": left,
        "next": safe_next(request, request.GET.get("next")),
        "page_title": _("Two-step login"),
        "header_title": _("Two-step login"),
        "header_icon": "key",
    }
    return TemplateResponse(request, "home/editors/backup_codes.html", context)


def reset_two_factor(request, user_id):
    """A site administrator removes a colleague's app and backup codes, after confirming."""
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    context = {
        "colleague": colleague,
        "page_title": _("Reset two-step login"),
        "header_title": _("Reset two-step login"),
        "header_icon": "key",
    }
    if not can_reset(request.user, colleague):
        return TemplateResponse(
            request, "home/editors/reset_two_factor_denied.html", context, status=403
        )
    if request.method == "POST":
        with transaction.atomic():
            for device in devices_for_user(colleague, confirmed=None):
                device.delete()
            log(instance=colleague, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            gettext(
                "%(name)s's two-step login was reset: they will set it up again at their next "
                "login."
            )
            % {"name": colleague.get_username()},
        )
        return redirect("wagtailusers_users:index")
    context["enrolled"] = user_has_device(colleague, confirmed=None)
    return TemplateResponse(request, "home/editors/reset_two_factor.html", context)
