"""Server time, queries and weight of the public pages, against /healthz as the baseline.

    make bench            # or: .venv/bin/python bench/page_bench.py [--repeat N]

Runs in-process through Django's full middleware stack, on its own SQLite file (var/bench.sqlite3)
loaded with the demo content. Prints medians and p95 in milliseconds; nothing here is asserted.
"""

import argparse
import gzip
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = ["/healthz", "/ar/", "/en/", "/ar/about/", "/ar/privacy-policy/"]


def measure(client, url, repeat):
    client.get(url)  # warm caches and connections
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": len(queries),
        "html_gz": len(gzip.compress(response.content)),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    css = Path(finders.find("css/site.css")).read_bytes()
    css_gz = len(gzip.compress(css))
    client = Client(HTTP_HOST="localhost")
    rows = {url: measure(client, url, args.repeat) for url in PAGES}
    baseline = rows["/healthz"]["median"]
    print(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'× base':>7} {'queries':>8} {'KB gz':>7}")
    for url, row in rows.items():
        weight = (row["html_gz"] + (css_gz if url != "/healthz" else 0)) / 1024
        print(
            f"{url:24} {row['median']:10.2f} {row['p95']:8.2f} {row['median'] / baseline:7.1f}"
            f" {row['queries']:8d} {weight:7.1f}"
        )
    print(f"({args.repeat} requests each; weight = HTML + CSS, gzip; baseline /healthz)")


if __name__ == "__main__":
    main()
