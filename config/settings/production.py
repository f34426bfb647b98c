"""Production: refuses to start without a real SECRET_KEY and ALLOWED_HOSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False

for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(required, "").strip():
        raise ImproperlyConfigured(f"Set the {required} environment variable for production.")
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Without Redis, every worker process on this machine shares a cache in files, so that a change
# published through one worker is seen through all of them (memory would be one cache per process).
if not env("REDIS_URL"):
    CACHES = file_caches(env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")))  # noqa: F405

# Anonymous visitors get pages rendered at most five minutes ago (home/caching.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz(/worker)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="INFO")  # noqa: F405
