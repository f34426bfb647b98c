"""The addresses written into the alerts' emails: absolute, in the subscriber's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import tokens


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _url(name, language, token):
    with translation.override(language):
        return absolute(reverse(name, args=[token]))


def confirm_url(subscriber, language):
    return _url("alerts:confirm", language, tokens.confirm_token(subscriber))


def unsubscribe_url(alert, language):
    return _url("alerts:unsubscribe", language, tokens.unsubscribe_token(alert))


def manage_url(subscriber, language):
    return _url("alerts:manage", language, tokens.manage_token(subscriber))
