"""What counting one post costs the rate limit (home/ratelimit.py) on one server without Redis,
as the site's pages fill the cache in files: the counts kept among the pages (as before), and in
a folder of their own (the "limits" cache of config/settings/base.py), in the same run.

    .venv/bin/python bench/ratelimit_bench.py

Each write to a cache in files lists its folder to count what it holds, so a count kept among
the pages costs more as pages are remembered. Medians of 200 counts; nothing is asserted.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FOLDER = tempfile.mkdtemp(prefix="ratelimit-bench-")
os.environ.update(DJANGO_SETTINGS_MODULE="config.settings.production", CACHE_DIR=FOLDER)
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
os.environ.setdefault("REDIS_URL", "")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402

PAGES = [0, 1_000, 3_000, 9_000]  # entries remembered in the page cache


def median_count_ms(cache, key):
    """A post counted as home/ratelimit.py counts it (add, else incr), 200 times."""
    times = []
    for _ in range(200):
        start = time.perf_counter()
        if not cache.add(key, 1, timeout=601):
            cache.incr(key)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    pages, limits = caches["default"], caches["limits"]
    print(f"{'pages remembered':>16} {'among the pages ms':>19} {'own folder ms':>14}")
    for count in PAGES:
        for n in range(len(pages._list_cache_files()), count):
            pages.set(f"fragment-{n}", "x" * 2_000, 3600)
        among = median_count_ms(pages, f"ratelimit:submit:203.0.113.9:{count}")
        own = median_count_ms(limits, f"ratelimit:submit:203.0.113.9:{count}")
        print(f"{count:16,d} {among:19.2f} {own:14.2f}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)
