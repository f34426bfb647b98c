"""Signed links: confirming an address expires; unsubscribing and managing do not (they must
work from any email ever sent), and are only ever about the address they were made for."""

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600

_CONFIRM = "alerts.confirm"
_UNSUBSCRIBE = "alerts.unsubscribe"
_MANAGE = "alerts.manage"


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=_CONFIRM).sign(f"{subscriber.pk}:{subscriber.email}")


def unsubscribe_token(alert):
    return signing.Signer(salt=_UNSUBSCRIBE).sign(f"{alert.pk}:{alert.subscriber.email}")


def manage_token(subscriber):
    return signing.Signer(salt=_MANAGE).sign(f"{subscriber.pk}:{subscriber.email}")


def _split(value):
    pk, _sep, email = value.partition(":")
    if not pk.isdigit() or not email:
        raise signing.BadSignature("malformed")
    return int(pk), email


def read_confirm(token):
    """(subscriber id, email); raises signing.SignatureExpired or signing.BadSignature."""
    return _split(signing.TimestampSigner(salt=_CONFIRM).unsign(token, max_age=CONFIRM_MAX_AGE))


def read_unsubscribe(token):
    return _split(signing.Signer(salt=_UNSUBSCRIBE).unsign(token))


def read_manage(token):
    return _split(signing.Signer(salt=_MANAGE).unsign(token))
