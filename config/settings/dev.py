"""Local development: `make run`."""

import hashlib

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The development server and the commands run beside it (import_content, publish_scheduled)
# share one cache in files, so that what a command changes shows at once (memory would be one
# cache per process, the server's left stale). One folder per database, so that scripts serving
# a database of their own never read this one's pages.
if not env("REDIS_URL"):
    _database = hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:12]  # noqa: F405
    CACHES = file_caches(  # noqa: F405
        env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache" / f"dev-{_database}"))
    )
