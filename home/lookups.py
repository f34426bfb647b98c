"""Lookups that Wagtail repeats within one request, made once per request.

Wagtail asks for the active locale wherever it localises something (routing, `Page.localized`,
every "in this language" list, the footer), and reads every privacy rule each time a list is
narrowed to public pages: about fifteen identical queries on the home page. Within a request
neither can change, so both are remembered until the request ends. Outside requests (commands,
tests that build data) nothing is remembered.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, PageViewRestriction
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

_memo = ContextVar("request_memo", default=None)
_locale_for_language = LocaleManager.get_for_language
_private_q = PageQuerySet.private_q


def remembered(key, look_up):
    memo = _memo.get()
    if memo is None:
        return look_up()
    if key not in memo:
        memo[key] = look_up()
    return memo[key]


def locale_for_language(manager, language_code):
    return remembered(
        ("locale", language_code), lambda: _locale_for_language(manager, language_code)
    )


def private_q(queryset):
    # The condition names restricted pages only, never the queryset it filters.
    return remembered("private pages", lambda: _private_q(queryset))


def start(**kwargs):
    _memo.set({})


def forget(**kwargs):
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def stop(**kwargs):
    _memo.set(None)


def install():
    LocaleManager.get_for_language = locale_for_language
    PageQuerySet.private_q = private_q
    request_started.connect(start, dispatch_uid="lookups-start")
    request_finished.connect(stop, dispatch_uid="lookups-stop")
    for model in (Locale, PageViewRestriction):
        post_save.connect(forget, sender=model, dispatch_uid=f"lookups-saved-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"lookups-deleted-{model.__name__}")
