"""A small per-client limit on certificate requests and code look-ups, kept in Django's cache.

Limits are `LEARNING_RATE_LIMITS = {scope: (requests, seconds)}` in the settings. The client is
identified by REMOTE_ADDR: behind a proxy, the proxy must set it to the visitor's address.
"""

from django.conf import settings
from django.core.cache import cache


def allow(request, scope):
    """Count this request; False once the client went over the scope's limit in its window."""
    limit, seconds = settings.LEARNING_RATE_LIMITS[scope]
    key = f"learning:rate:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr().
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
