"""One per-client rate limit for every public form that must not be hammered (applications,
status checks, certificates and their verification), kept in Django's "limits" cache so that
every server shares it when the cache is Redis (config/settings/base.py).

Limits are `RATE_LIMITS = {scope: (requests, seconds)}` in the settings; windows are fixed, so a
client gets at most `requests` in any `seconds`-long bucket.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import caches


def client_address(request):
    """The client's address, for rate limits and login lockouts alike.

    Without TRUSTED_PROXY_HEADER it is REMOTE_ADDR. Behind proxies, each of the
    TRUSTED_PROXY_COUNT proxies appends the address it received the request from to that header
    (e.g. nginx's `$proxy_add_x_forwarded_for`), so only that many entries, counted from the
    right, were written by a proxy; anything further left was written by the client. The
    outermost proxy's entry is the client; a value that is not an address falls back to
    REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    hops = [hop.strip() for hop in request.META.get(header, "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    # Fewer entries than proxies: the request came in past the outer ones, and every entry is
    # still a proxy's.
    candidate = hops[-min(settings.TRUSTED_PROXY_COUNT, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def allow(request, scope):
    """Count one request of this client in `scope`; False once it is over the limit."""
    limit, window = settings.RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_address(request)}:{bucket}"
    counts = caches["limits"]
    if counts.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = counts.incr(key)
        except ValueError:  # expired between add and incr
            counts.set(key, 1, timeout=window + 1)
            count = 1
    return count <= limit
