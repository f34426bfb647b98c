"""The test suite: fast hashing, in-memory mail, no real secrets."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = MEMORY_CACHES  # noqa: F405
MEDIA_ROOT = str(BASE_DIR / "var" / "test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
# The address Wagtail gives its first site: the demo loaded by a test keeps it.
SITE_BASE_URL = "http://localhost"

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory: the live server's thread and the tests then see the same SQLite database.
# A test database need not survive a crash: commits do not wait for the disk, which the suite's
# many commits (transactional tests, each flush and restore) would otherwise spend most time on.
database = DATABASES["default"]  # noqa: F405
if database["ENGINE"] == "django.db.backends.sqlite3":
    database["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
    database["OPTIONS"]["init_command"] = "PRAGMA synchronous = OFF;"
elif database["ENGINE"] == "django.db.backends.postgresql":
    database.setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

# Most admin tests sign in a superuser directly; the two-factor tests switch this back on.
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False

PRIVATE_MEDIA_ROOT = str(BASE_DIR / "var" / "test-private")
