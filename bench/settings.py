"""The benchmarks' server: the development settings with DEBUG off (as the environment says) and
one more address, the baseline: a plain Django view that stores one row (bench/urls.py)."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The fault bench counts deliveries in files (bench/mail.py).
if env.str("BENCH_MAIL_DIR", default=""):  # noqa: F405
    EMAIL_DELIVERY_BACKEND = "bench.mail.RecordingBackend"
    EMAIL_FILE_PATH = env.str("BENCH_MAIL_DIR")  # noqa: F405
