"""What setting an Arabic page's digits costs, beside rendering the page itself.

    .venv/bin/python bench/numerals_bench.py [--repeat 200]

Renders the demo's Arabic home page and indicators page with Django's test client (on the
database of `make run`, loading the demo first if it is empty), then times, per page: the whole
request with Latin digits (the baseline, page cache off), the pass that turns the text's digits
Arabic-Indic, and the check that finds nothing to change on a Latin page. Medians in
milliseconds; nothing is asserted.
"""

import argparse
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from home.numerals import _EASTERN, arabic_indic_text  # noqa: E402

PAGES = ["/ar/", "/ar/indicators/", "/ar/indicators/trainees-by-track/"]


def median_ms(action, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':40} {'request':>9} {'to ٠-٩':>9} {'check':>9} {'KB':>6}   (median ms)")
    for address in PAGES:
        html = client.get(address).content.decode()
        request = median_ms(lambda a=address: client.get(a), max(repeat // 10, 10))
        with translation.override("ar"):
            indic = median_ms(lambda h=html: arabic_indic_text(h), repeat)
            check = median_ms(lambda h=html: _EASTERN.search(h), repeat)
        print(f"{address:40} {request:9.2f} {indic:9.3f} {check:9.3f} {len(html) / 1024:6.1f}")


if __name__ == "__main__":
    main()
