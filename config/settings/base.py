"""Settings shared by every environment; each value can come from the environment."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from home.storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

# One typed schema for the environment, with development defaults.
env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, "dev-only-secret-key-not-for-production"),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'var' / 'tamkeen.sqlite3'}"),
    REDIS_URL=(str, ""),
    ELASTICSEARCH_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Tamkeen <no-reply@localhost>"),
    MEDIA_ROOT=(str, str(BASE_DIR / "var" / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "var" / "static")),
    S3_BUCKET=(str, ""),
    S3_PRIVATE_BUCKET=(str, ""),
    S3_ENDPOINT_URL=(str, ""),
    S3_REGION=(str, ""),
    S3_MEDIA_DOMAIN=(str, ""),
    SITE_BASE_URL=(str, "http://127.0.0.1:8000"),
    TIME_ZONE=(str, "Asia/Damascus"),
    TASK_QUEUE=(str, "immediate"),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
# A refused form explained in the visitor's language, with the way back to it.
CSRF_FAILURE_VIEW = "home.errors.csrf_failure"

INSTALLED_APPS = [
    "home",
    "programmes",
    "applications",
    "news",
    "learning",
    "indicators",
    "alerts",
    "volunteering",
    "search",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "home.limits.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The site's digits and month names, once the page's language is known (home/numerals.py).
    "home.numerals.NumeralsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff's own admin language, also for what Wagtail writes outside its views.
    "home.admin_language.AdminLanguageMiddleware",
    "home.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "home.routing.RememberedRouteMiddleware",
]

# Compression, then an ETag of the uncompressed page (a repeat visit gets "304 Not Modified"),
# then rendered pages for anonymous visitors (home/caching.py); PAGE_CACHE_SECONDS=0 turns that
# off. Pages carry no secret but the CSRF token, which Django masks anew on every response.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
MIDDLEWARE[MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1 : 0] = [
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "home.caching.AnonymousPageCacheMiddleware",
]

# Security headers on every response (config/security.py). Public pages load scripts, styles,
# images and fonts from this site only: no inline script, no eval, no other host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin needs inline scripts and styles, `new Function` for its client-side templates,
# and blob: images for upload previews. Still no other host.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    }
}
# A page's preview: the public policy, framed by the admin on this site.
CONTENT_SECURITY_POLICY_PREVIEW = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": [SELF]}
}
PERMISSIONS_POLICY_OFF = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The admin would otherwise ask other hosts for the latest release and for staff avatars.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches: "default" for pages and fragments, "limits" for the rate limits' counters
# (home/ratelimit.py), which change on every post of a form. In memory: one per process.
MEMORY_CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "limits")
}
if env("REDIS_URL"):
    CACHES = dict.fromkeys(["default", "limits"], env.cache_url_config(env("REDIS_URL")))
    # Sessions read from Redis and written through to the database: every app server sees them,
    # and a Redis restart or flush signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = MEMORY_CACHES
# A cache in files (one server without Redis) holds this many entries before it deletes a third
# of them at random. Django's default, 300, is less than the demo's 112 pages need (about 7 each:
# the page, its address, its header, breadcrumbs…): the cache then forgets faster than it fills.
# Each new entry lists the folder, a few milliseconds at 10,000; a larger site wants Redis.
FILE_CACHE_MAX_ENTRIES = env.int("CACHE_MAX_ENTRIES", default=10_000)


def file_caches(location):
    """The caches of one server without Redis, in files every process of the machine shares.
    The rate limits' counters have a folder of their own, kept small: each post writes one,
    and each write lists its folder (beside the 1,100 entries the demo's pages fill once each
    is read, 2 ms a post; bench/ratelimit_bench.py)."""

    def files(folder, entries):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": folder,
            "OPTIONS": {"MAX_ENTRIES": entries},
        }

    return {
        "default": files(location, FILE_CACHE_MAX_ENTRIES),
        # One entry per client, form and window: more than 500 clients in ten minutes forget
        # some counts (a third, at random), never anyone's pages.
        "limits": files(str(Path(location) / "limits"), 500),
    }


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first (right to left), then English and French.
LANGUAGE_CODE = "ar"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("ar", "العربية"),
    ("en", "English"),
    ("fr", "Français"),
]
LOCALE_PATHS = [SITE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE")
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAIL_I18N_ENABLED = True
# A page sent to translation becomes an English or French draft, published by a moderator once
# translated; wagtail-localize would otherwise publish it at once, in Arabic, when the source is
# live.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Public media (images) and private files (applicants' uploads, documents) apart: see
# home/storage.py. On this machine's disk unless S3_BUCKET names a bucket that every app server
# shares; boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "home.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
if env("S3_BUCKET"):
    object_storages, MEDIA_URL = s3_storages(
        env("S3_BUCKET"),
        private_bucket=env("S3_PRIVATE_BUCKET"),
        endpoint_url=env("S3_ENDPOINT_URL"),
        region=env("S3_REGION"),
        media_domain=env("S3_MEDIA_DOMAIN"),
    )
    STORAGES.update(object_storages)
    # Pages and the admin show images from there.
    for policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        policy["DIRECTIVES"]["img-src"].append(MEDIA_URL)

mail_server = env.email_url("EMAIL_URL")
vars().update(mail_server)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env("DEFAULT_FROM_EMAIL")
# Every email goes through the outbox (home/outbox.py), Wagtail's and Django's included; the
# outbox hands them to the mail server EMAIL_URL names.
EMAIL_DELIVERY_BACKEND = mail_server["EMAIL_BACKEND"]
EMAIL_BACKEND = "home.outbox.OutboxBackend"

# Background tasks (a submission's emails, a document's text, Wagtail's own index updates) run
# in the request by default, so the development server and the tests need nothing else. With
# TASK_QUEUE=database they wait in the database for `manage.py db_worker`, a process of its own;
# django_tasks_db is installed either way, so its tables exist wherever the code runs.
task_queues = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if env("TASK_QUEUE") not in task_queues:
    raise ImproperlyConfigured(
        f"TASK_QUEUE must be {' or '.join(task_queues)}, not {env('TASK_QUEUE')!r}."
    )
TASKS = {"default": {"BACKEND": task_queues[env("TASK_QUEUE")]}}
# Every email is a row of the outbox before it reaches the mail server (home/outbox.py). A row
# being sent is leased: past the lease its sender is taken for dead and it is sent again, so an
# SMTP conversation must end well within it. A new row is the cron command's after a minute.
OUTBOX_LEASE_SECONDS = 120
OUTBOX_PENDING_GRACE_SECONDS = 60
OUTBOX_MAX_ATTEMPTS = 10
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Each db_worker beats every few seconds (home/workers.py); one not seen for two minutes is dead:
# /healthz/worker says so and its running tasks go back to the queue.
WORKER_HEARTBEAT_SECONDS = 15
WORKER_LEASE_SECONDS = 120

# Page editors can exceed Django's default field count.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Tamkeen")
# The public address: full addresses in emails, the API, and the Wagtail site's host name and port
# (home/siteaddress.py), from which the sitemap, feeds and canonical links are built.
SITE_BASE_URL = env("SITE_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Documents whose text is searchable (search/models.py).
WAGTAILDOCS_DOCUMENT_MODEL = "search.SearchableDocument"
# Always through Django, so that private collections stay private whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
# The largest file anyone may upload, an editor's document or an applicant's files (a form
# field's own limit is capped at it). A request body larger than that and the rest of a form is
# refused before it is read (home/limits.py).
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=20)
REQUEST_BODY_MAX_BYTES = (UPLOAD_MAX_MB + 1) * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_MB * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "tiff": "png"}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Text is analysed before it reaches the index (search/analysis.py): PostgreSQL must not stem
# it again.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
if env("ELASTICSEARCH_URL"):
    # The same analysis in Elasticsearch's index settings (search/elasticsearch.py).
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.elasticsearch",
        "URLS": [env("ELASTICSEARCH_URL")],
        "INDEX_PREFIX": "tamkeen_",
    }

WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILAPI_SEARCH_ENABLED = True
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# News and events: sub-addresses of pages (feeds, calendars, past events).
INSTALLED_APPS += ["wagtail.contrib.routable_page"]

# How many times one client address may post an application or look up a status, request a
# certificate or look one up, per window (home/ratelimit.py): {scope: (requests, seconds)}.
RATE_LIMITS = {
    "submit": (env.int("APPLICATIONS_SUBMIT_LIMIT", default=20), 600),
    "status": (env.int("APPLICATIONS_STATUS_LIMIT", default=10), 600),
    "certificate": (env.int("LEARNING_CERTIFICATE_LIMIT", default=10), 3600),
    "verify": (env.int("LEARNING_VERIFY_LIMIT", default=30), 600),
    "alerts": (env.int("ALERTS_SUBSCRIBE_LIMIT", default=10), 600),
}
# Behind proxies you control, the header holding the visitor's address (e.g. HTTP_X_FORWARDED_FOR)
# and how many proxies append to it, so that rate limits and login lockouts count visitors, not
# the proxy, and an address the client wrote into the header counts for nothing.
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of proxies in front: 1 or more.")

# Editors: roles, safe logins (home/roles.py, home/twofactor.py).
env_editors = environ.Env(
    AXES_FAILURE_LIMIT=(int, 5),
    AXES_COOLOFF_MINUTES=(int, 30),
    SESSION_COOKIE_AGE=(int, 8 * 60 * 60),
)
WAGTAILADMIN_USER_LOGIN_FORM = "home.signing_in.LoginForm"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After this many failed logins for one username from one address, that pair is locked out
# for the cool-off time; every login, logout and failure is kept in the access log.
AXES_FAILURE_LIMIT = env_editors("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env_editors("AXES_COOLOFF_MINUTES") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as the rate limits, so the trusted proxies apply to both.
AXES_CLIENT_IP_CALLABLE = "home.ratelimit.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/editors/lockout.html"
AXES_VERBOSE = False
# Staff in these groups (and superusers) must confirm each login with a one-time code (TOTP).
TWO_FACTOR_REQUIRED_GROUPS = [
    "المشرفون",
    "مديرو الموقع",
]  # home.roles' MODERATORS, SITE_ADMINISTRATORS
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
OTP_TOTP_ISSUER = "Tamkeen"
# Sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env_editors("SESSION_COOKIE_AGE")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Applications: form pages and their submissions.
APPLICATIONS_MAX_UPLOAD_MB = 10
APPLICATIONS_FORM_TOKEN_MAX_AGE = 2 * 24 * 3600
APPLICATIONS_RETENTION_DAYS = env.int("APPLICATIONS_RETENTION_DAYS", default=730)
# Saved drafts ("save and finish later") and their links last this long (purge_drafts).
APPLICATIONS_DRAFT_DAYS = env.int("APPLICATIONS_DRAFT_DAYS", default=30)
# SQLite (the embedded default) lets one writer in at a time: concurrent submissions wait for
# their turn instead of failing after the default five seconds. A transaction takes the write lock
# when it begins, so one that has read cannot fail at once when it comes to write while another
# connection (a second thread of the server) is writing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    sqlite.setdefault("timeout", 30)
    sqlite.setdefault("transaction_mode", "IMMEDIATE")
