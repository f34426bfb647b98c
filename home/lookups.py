"""Lookups that Wagtail repeats on every request, read from the cache instead of the database.

Wagtail asks for the active locale wherever it localises something (routing, `Page.localized`,
every "in this language" list, the footer), reads every privacy rule each time a list is narrowed
to public pages, and walks a page's ancestors for their privacy rules before serving it
(`home/routing.py` names the page being served). So does every
site setting the footer or a page reads. Within a request none of this can change, so each is
remembered until the request ends; across requests they are fragments kept until the content
changes (`home.caching.remember`: saving a locale, a privacy rule or a setting changes the content
version).
Outside requests (commands, tests that build data) nothing is remembered.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from home.caching import remember

_memo = ContextVar("request_memo", default=None)
_locale_for_language = LocaleManager.get_for_language
_private_q = PageQuerySet.private_q
_view_restrictions = Page.get_view_restrictions
_setting_for_request = BaseSiteSetting.for_request.__func__


def remembered(key, look_up):
    """`look_up()` once per request, and from the shared cache while the content is unchanged."""
    memo = _memo.get()
    if memo is None:
        return look_up()
    if key not in memo:
        memo[key] = remember(":".join(map(str, key)), look_up)
    return memo[key]


def locale_for_language(manager, language_code):
    return remembered(
        ("locale", language_code), lambda: _locale_for_language(manager, language_code)
    )


def private_q(queryset):
    # The condition names restricted pages only, never the queryset it filters.
    return remembered(("private-pages",), lambda: _private_q(queryset))


def locale_by_pk(pk):
    locales = remembered(("locales",), lambda: {each.pk: each for each in Locale.objects.all()})
    return locales.get(pk) or Locale.objects.get(pk=pk)


def language_code(page):
    """A page's language, without reading its locale row again."""
    return locale_by_pk(page.locale_id).language_code


def setting_for_request(cls, request):
    """A site's settings (contact, footer, news options) that every page reads: from the cache,
    once per request; saving them changes the content version. The admin edits the row itself
    (`for_site`)."""
    attr_name = cls.get_cache_attr_name()
    site = Site.find_for_request(request)
    if _memo.get() is None or hasattr(request, attr_name) or site is None:
        return _setting_for_request(cls, request)
    chosen = remembered((cls._meta.label_lower, site.pk), lambda: cls.for_site(site))
    chosen._request = request
    setattr(request, attr_name, chosen)
    return chosen


def _privacy_rules():
    """Every privacy rule with its page's path, and the paths of alias pages (whose rules are
    their source's)."""
    rules = [
        (rule.page.path, rule)
        for rule in PageViewRestriction.objects.select_related("page").order_by("pk")
    ]
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return rules, aliases


def serving(page):
    """The page this request serves: its privacy rules are read from the remembered ones."""
    memo = _memo.get()
    if memo is not None:
        memo["serving"] = page.pk


def view_restrictions(page):
    """The privacy rules on a page and its ancestors, as Wagtail's `get_view_restrictions` finds
    them, from the remembered rules (an ancestor's path is a prefix of the page's): a list, for
    the page being served; everywhere else (the admin's privacy dialog) Wagtail's queryset."""
    memo = _memo.get()
    if memo is None or memo.get("serving") != page.pk or page.alias_of_id:
        return _view_restrictions(page)
    rules, aliases = remembered(("privacy-rules",), _privacy_rules)
    if any(page.path.startswith(alias) for alias in aliases):
        return _view_restrictions(page)
    return [rule for path, rule in rules if page.path.startswith(path)]


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
    Page.get_view_restrictions = view_restrictions
    BaseSiteSetting.for_request = classmethod(setting_for_request)
    request_started.connect(start, dispatch_uid="lookups-start")
    request_finished.connect(stop, dispatch_uid="lookups-stop")
    for model in (Locale, PageViewRestriction):
        post_save.connect(forget, sender=model, dispatch_uid=f"lookups-saved-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"lookups-deleted-{model.__name__}")
