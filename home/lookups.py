"""Lookups that every request repeats, read from the cache instead of the database.

Pages ask for the active locale wherever they localise something (footer, listings, "in this
language" lists), read every privacy rule each time a list is narrowed to public pages, and walk
a page's ancestors for their privacy rules before it is served; every page reads the site's
settings. Within a request none of this can change, so each is remembered until the request ends;
across requests they are fragments kept until the content changes (`home.caching.remember`:
saving a locale, a privacy rule or a setting changes the content version). Outside requests
(commands, tests that build data) nothing is remembered.

Each goes through an extension point Wagtail supports, never a patch of its code: the project's
code asks `active_locale()` and narrows pages with `home.models.visible()`, the page types
override `get_view_restrictions` and the site settings `for_request`. Wagtail's own calls (its
API, `localized` of a plain `Page`) still read the database; README, *Performance*, says what an
upstream cache in `Locale.get_active` would save.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.caching import remember

_memo = ContextVar("request_memo", default=None)


def remembered(key, look_up):
    """`look_up()` once per request, and from the shared cache while the content is unchanged."""
    memo = _memo.get()
    if memo is None:
        return look_up()
    if key not in memo:
        memo[key] = remember(":".join(map(str, key)), look_up)
    return memo[key]


def active_locale():
    """`Locale.get_active()`: the locale of the language this request is answered in."""
    return remembered(("locale", get_language()), Locale.get_active)


def localized(item, draft=False):
    """What `item.localized` (or `localized_draft`) gives: its translation in the language of
    the request (published, unless `draft`), or the item itself; with the locale remembered."""
    locale = active_locale()
    if item is None or locale.pk == item.locale_id:
        return item
    found = item.get_translation_or_none(locale)
    if found is None or not (draft or getattr(found, "live", True)):
        return item
    return found


def private_pages():
    """Wagtail's condition for the pages in a private section (`PageQuerySet.private_q`). It
    names restricted pages only, never the queryset it filters."""
    return remembered(("private-pages",), Page.objects.private_q)


def locale_by_pk(pk):
    locales = remembered(("locales",), lambda: {each.pk: each for each in Locale.objects.all()})
    return locales.get(pk) or Locale.objects.get(pk=pk)


def language_code(page):
    """A page's language, without reading its locale row again."""
    return locale_by_pk(page.locale_id).language_code


def setting_for_request(cls, request, look_up):
    """A site's settings (contact, footer, news options) that every page reads: from the cache,
    once per request; saving them changes the content version. The admin edits the row itself
    (`for_site`). `look_up()` is Wagtail's own `for_request`."""
    attr_name = cls.get_cache_attr_name()
    site = Site.find_for_request(request)
    if _memo.get() is None or hasattr(request, attr_name) or site is None:
        return look_up()
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


def view_restrictions(page, look_up):
    """The privacy rules on a page and its ancestors, as Wagtail's `get_view_restrictions` finds
    them, from the remembered rules (an ancestor's path is a prefix of the page's): a list, for
    the page being served; everywhere else (the admin's privacy dialog) `look_up()`, Wagtail's
    queryset."""
    memo = _memo.get()
    if memo is None or memo.get("serving") != page.pk or page.alias_of_id:
        return look_up()
    rules, aliases = remembered(("privacy-rules",), _privacy_rules)
    if any(page.path.startswith(alias) for alias in aliases):
        return look_up()
    return [rule for path, rule in rules if page.path.startswith(path)]


def start(**kwargs):
    _memo.set({})


def forget(**kwargs):
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def stop(**kwargs):
    _memo.set(None)


def listen():
    """Remember for each request, and forget when a locale or a privacy rule changes."""
    request_started.connect(start, dispatch_uid="lookups-start")
    request_finished.connect(stop, dispatch_uid="lookups-stop")
    for model in (Locale, PageViewRestriction):
        post_save.connect(forget, sender=model, dispatch_uid=f"lookups-saved-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"lookups-deleted-{model.__name__}")
