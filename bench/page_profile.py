"""Where a request's time goes, per page type: SQL, the view, template rendering, compression and
the middleware around them, in-process with the production middleware stack and the page cache
off, once the shared fragments are remembered.

    .venv/bin/python bench/page_profile.py [--requests 30]   # DATABASE_URL=… for PostgreSQL

Uses the database bench/site_bench.py built (SQLite var/bench-site.sqlite3 unless DATABASE_URL is
set; the demo content is loaded when missing). The total is the median of requests without the
profiler; the parts are shares of the profiled requests' time (the profiler slows Python more than
the database, so shares, not milliseconds, are what compares). Nothing here is asserted.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-site.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

PAGES = {
    "home": "/ar/",
    "programme index": "/ar/programmes/",
    "programme": "/ar/programmes/youth-tech-incubator/",
    "news index": "/ar/news/",
    "news": "/ar/news/programme-launch/",
    "event index": "/ar/events/",
    "learning index": "/ar/learning/",
    "lesson": "/ar/learning/cybersecurity-basics/cyber-backups/",
    "form": "/ar/forms/complaints/",
    "search": "/ar/search/?q=%D8%A8%D8%B1%D9%86%D8%A7%D9%85%D8%AC",  # برنامج
}
# (file suffix, function name) of the functions whose cumulative time is a part.
PARTS = {
    "sql": ("django/db/backends/utils.py", "_execute"),
    "template": ("django/template/response.py", "rendered_content"),
    "gzip": ("django/middleware/gzip.py", "process_response"),
}
VIEWS = [("wagtail/views.py", "serve"), ("search/views.py", "search")]


def cumulative(stats, suffix, name):
    return sum(
        row[3]
        for (path, _line, function), row in stats.stats.items()
        if path.endswith(suffix) and function == name
    )


def profile(client, url, requests):
    for _ in range(3):
        client.get(url)
    plain = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        plain.append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=StringIO())
    total = cumulative(stats, "django/core/handlers/base.py", "get_response")
    view = sum(cumulative(stats, suffix, name) for suffix, name in VIEWS)
    template = cumulative(stats, *PARTS["template"])
    return {
        "ms": statistics.median(plain),
        "sql": cumulative(stats, *PARTS["sql"]) / total,
        "view": view / total,
        "template": template / total,
        "gzip": cumulative(stats, *PARTS["gzip"]) / total,
        # What is neither the view nor the rendering: the middleware stack and Django's handler.
        "middleware": (total - view - template) / total,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Page.objects.filter(slug="programmes").exists():
        call_command("load_demo", stdout=StringIO())
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    print(f"\n{connection.vendor}: median ms of {args.requests} requests; shares of the profiled")
    print("time: SQL (wherever it runs), the view with its queries, templates with theirs, gzip,")
    print("and the rest: the middleware stack (routing included) and Django's handler.\n")
    header = f"{'page type':16} {'ms':>6} {'SQL':>5} {'view':>5} {'tmpl':>5} {'gzip':>5} {'mw':>5}"
    print(header)
    print("-" * len(header))
    for name, url in PAGES.items():
        row = profile(client, url, args.requests)
        print(
            f"{name:16} {row['ms']:6.1f} {row['sql']:5.0%} {row['view']:5.0%}"
            f" {row['template']:5.0%} {row['gzip']:5.0%} {row['middleware']:5.0%}"
        )


if __name__ == "__main__":
    main()
