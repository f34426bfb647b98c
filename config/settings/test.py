"""The test suite: fast hashing, in-memory mail, no real secrets."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = str(BASE_DIR / "var" / "test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
# The address Wagtail gives its first site: the demo loaded by a test keeps it.
SITE_BASE_URL = "http://localhost"

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory: the live server's thread and the tests then see the same SQLite database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405

# Most admin tests sign in a superuser directly; the two-factor tests switch this back on.
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False

PRIVATE_MEDIA_ROOT = str(BASE_DIR / "var" / "test-private")
