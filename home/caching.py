"""Rendered pages for anonymous visitors, and the parts every page repeats (menu, footer), kept in
Django's cache: Redis when REDIS_URL is set, so that every app server shares them.

Invalidation is by one "content version" stored in the cache and part of every key. Saving (and so
publishing or unpublishing), moving or deleting a page, and saving anything else a public page shows
(snippets, images, documents, site settings, privacy rules) bumps it; the old entries are then never
read again and expire. Coarse, but always right, and content changes rarely next to page views.
A change made inside a transaction (an import, a publish) bumps it again once committed: a page
rendered meanwhile by another request, from the content as it was, is not kept under the new
version. The site's date is part of the version too, and a cached page expires at the next
midnight of the site's time zone, because programmes open and close and events become past with
the date alone.
"""

import datetime
import hashlib
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.translation import get_language
from django_tasks.signals import task_finished
from modelsearch.tasks import insert_or_update_object_task
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    Locale,
    Page,
    Site,
    TranslatableMixin,
)
from wagtail.signals import post_page_move

VERSION_KEY = "content-version"
PAGE_HEADER = "X-Page-Cache"


# The version the current request has read: its twenty-odd fragments then ask the cache once.
# A dict inside a request (AnonymousPageCacheMiddleware), None outside one (tasks, commands).
_request_version = ContextVar("request_version", default=None)
# Whether the current request shows a draft: Wagtail's previews and moderation views render it
# with a request of their own, marked `is_dummy`, through the middleware.
_showing_a_draft = ContextVar("showing_a_draft", default=False)


def content_version():
    read = _request_version.get()
    if read:
        return read["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache starts from the clock, so it never reuses an older version's keys.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    # A new day in the site's time zone is new content: programmes open and close by date.
    version = f"{version}.{timezone.localdate().isoformat()}"
    if read is not None:
        read["version"] = version
    return version


def bump_version():
    # A request that changes the content reads the new version for what it renders next.
    read = _request_version.get()
    if read is not None:
        read.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed(**kwargs):
    bump_version()
    # Until the commit, other requests still read the old content and would cache it under the
    # new version; bump once more when the change is visible (once per savepoint: one kept in a
    # savepoint that is rolled back is forgotten with it).
    savepoints = set(connection.savepoint_ids)
    if connection.in_atomic_block and not any(
        entry[0] == savepoints and entry[1] is bump_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump_version)


# What a public page may show of the database: saving or deleting any of these changes the content.
# Snippets are translatable; a feature's other public models are watched from its `ready()`.
SHOWN = (
    Page,
    TranslatableMixin,
    BaseViewRestriction,
    Collection,
    Locale,
    Site,
    BaseGenericSetting,
    BaseSiteSetting,
    AbstractImage,
    AbstractDocument,
)


def model_changed(sender, raw=False, created=False, **kwargs):
    # A settings row is created with its defaults on first use: nothing visible changes.
    first_use = created and issubclass(sender, (BaseGenericSetting, BaseSiteSetting))
    if not raw and not first_use:
        content_changed()


def watch(*models):
    """Saving or deleting any of `models` changes what visitors see."""
    for model in models:
        uid = f"content-changed-{model._meta.label_lower}"
        post_save.connect(model_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(model_changed, sender=model, dispatch_uid=f"{uid}-deleted")


def watch_shown():
    watch(*[model for model in apps.get_models() if issubclass(model, SHOWN)])


# Moving a page rewrites paths without saving each page.
post_page_move.connect(content_changed, dispatch_uid="content-changed-on-move")


@receiver(task_finished)
def search_index_updated(sender, task_result, **kwargs):
    # With a task queue, a page reaches the search index after it was saved: a search remembered
    # in between would go on missing it.
    if task_result.task.module_path == insert_or_update_object_task.module_path:
        content_changed()


def short(name):
    """A long name (an address, a search) hashed: some caches refuse keys over 250 characters."""
    return hashlib.sha256(name.encode()).hexdigest() if len(name) > 160 else name


def fragment_key(name):
    return f"fragment:{content_version()}:{short(name)}"


def fragment_seconds():
    return settings.PAGE_CACHE_SECONDS or 300


def remember(name, compute):
    """`compute()`, cached until the content changes: for the parts every page repeats."""
    key = fragment_key(name)
    value = _kept.get(key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=fragment_seconds())
    if isinstance(value, str):  # a rendering: nobody can change it in place
        _kept.put(key, value, fragment_seconds())
    return value


def kept_in_process(name, compute):
    """`compute()`, kept in this process until the content changes: for what the shared cache
    cannot hold (a class)."""
    key = fragment_key(name)
    value = _kept.get(key)
    if value is None:
        value = compute()
        _kept.put(key, value, fragment_seconds())
    return value


class ProcessMemory:
    """What this process has read or built for a content version, kept in its memory as well.

    A key names one content version, so what it holds never changes: reading it back from the
    shared cache (a file to unpickle, a trip to Redis) only costs. Holds what a reader cannot
    change in place (renderings, classes), for a minute at most, as a safety net like the shared
    cache's timeout. The oldest entries make room for new ones, so that searches nobody repeats
    keep it within `characters` (a class counts as a thousand).
    """

    def __init__(self, characters=4_000_000, seconds=60):
        self.characters, self.seconds = characters, seconds
        self._values = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def get(self, key):
        kept = self._values.get(key)
        if kept is None or kept[1] <= time.monotonic():
            return None
        return kept[0]

    def put(self, key, value, seconds):
        expires = time.monotonic() + min(seconds, self.seconds)
        size = len(value) if isinstance(value, str) else 1000
        with self._lock:
            replaced = self._values.pop(key, None)
            if replaced is not None:
                self._held -= replaced[2]
            self._values[key] = (value, expires, size)
            self._held += size
            while self._held > self.characters:
                self._held -= self._values.popitem(last=False)[1][2]


_kept = ProcessMemory()


def showing_a_draft():
    """Whether this request shows a draft (a preview, a moderator's view of a revision)."""
    return _showing_a_draft.get()


def remembered_for_page(page, name, compute):
    """`compute()` for a page as published, in the reader's language, remembered until the
    content changes: what it shows from its relations. A draft is computed each time: a page
    being previewed, or built from a revision or an edit form (its relations in memory)."""
    if not as_published(page):
        return compute()
    return remember(f"{name}:{page.pk}:{get_language()}", compute)


def as_published(page):
    """Whether `page` is shown as published: not a draft being previewed, nor a page built from a
    revision or an edit form (its relations in memory)."""
    return (
        bool(page.pk)
        and not showing_a_draft()
        and not getattr(page, "_cluster_related_objects", None)
    )


def seconds_until_midnight(now=None):
    now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo
    )
    return max(1, int((midnight - now).total_seconds()))


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache, and store the pages that are the same for
    every anonymous visitor: 200 responses that set no cookie (a form's CSRF token, a session)
    and do not say they are private. Visitors with a session (editors, learners) always get a
    freshly rendered page. Every request, cached or not, reads the content version once, and
    says whether it shows a draft."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set({})
        draft = _showing_a_draft.set(getattr(request, "is_dummy", False))
        try:
            return self.respond(request)
        finally:
            _showing_a_draft.reset(draft)
            _request_version.reset(token)

    def respond(self, request):
        if not self.applies(request):
            return self.get_response(request)
        key = f"page:{content_version()}:{short(request.get_host() + request.get_full_path())}"
        response = cache.get(key)
        if response is not None:
            response[PAGE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self.storable(request, response):
            timeout = min(settings.PAGE_CACHE_SECONDS, seconds_until_midnight())
            cache.set(key, response, timeout=timeout)
            response[PAGE_HEADER] = "miss"
        return response

    @staticmethod
    def applies(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def storable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in cache_control
            and "no-store" not in cache_control
            and get_max_age(response) != 0
        )
