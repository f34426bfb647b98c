"""One per-client rate limit for every public form that must not be hammered (applications,
status checks, certificates and their verification), kept in Django's cache so that every server
shares it when the cache is Redis.

Limits are `RATE_LIMITS = {scope: (requests, seconds)}` in the settings; windows are fixed, so a
client gets at most `requests` in any `seconds`-long bucket.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address: REMOTE_ADDR, or the first address of a header set by a trusted proxy
    (TRUSTED_PROXY_HEADER, e.g. HTTP_X_FORWARDED_FOR) when there is one."""
    header = settings.TRUSTED_PROXY_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope):
    """Count one request of this client in `scope`; False once it is over the limit."""
    limit, window = settings.RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_address(request)}:{bucket}"
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
            count = 1
    return count <= limit
