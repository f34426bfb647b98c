"""Lighthouse's scores for every page type, in Arabic and English, as production serves them.

    make bench      # or: .venv/bin/python bench/lighthouse.py [--reports DIR]

Loads the demo content into a throwaway SQLite database, serves it the way site_bench.py does
(gunicorn, production settings, the hashed static files) and runs Lighthouse (installed in
bench/lighthouse by `npm ci` from its lock) in Debian's chromium on one address of each page type
in each language. Prints the performance, accessibility, best-practices and SEO scores, the total
blocking time (the main thread's work, in style, layout and script, that would keep a phone from
answering a tap while the page loads), and the audits that failed in any category under 100.
Nothing here is asserted.

The server differs from production only where a local run must: it is plain HTTP on 127.0.0.1,
so SECURE_SSL_REDIRECT is off (site_bench's Server does this), else every address would redirect
to an HTTPS port nobody listens on. Chrome and Lighthouse hold a loopback address to be a secure
context, so the HTTPS audits judge the page as if it were served over HTTPS and the forms' secure
cookie is accepted; HSTS is sent on HTTPS responses only, which is why there is none here
(Lighthouse does not score it).
The search results page is `noindex` on purpose (results are not pages for a search engine to
list): Lighthouse counts that against its SEO score, and the table says so.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# A database of its own, whatever DATABASE_URL says; site_bench reads it and sets Django up.
WORK = Path(tempfile.mkdtemp(prefix="lighthouse-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'site.sqlite3'}"
os.environ["BENCH_SITE_DATABASE"] = os.environ["DATABASE_URL"]

import site_bench  # noqa: E402
from django.core.management import call_command  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from applications.models import ApplicationFormPage, FormIndexPage  # noqa: E402
from home.models import HomePage  # noqa: E402
from indicators.models import IndicatorIndexPage, SurveyResultsPage  # noqa: E402
from learning.models import LearningIndexPage, LessonPage, ModulePage  # noqa: E402
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage  # noqa: E402
from programmes.models import PartnerIndexPage, ProgrammeIndexPage, ProgrammePage  # noqa: E402
from volunteering.models import (  # noqa: E402
    HelpRequestPage,
    VolunteeringIndexPage,
    VolunteerOpportunityPage,
)

LANGUAGES = ["ar", "en"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGE_TYPES = {
    "home": HomePage,
    "programme index": ProgrammeIndexPage,
    "programme": ProgrammePage,
    "partner index": PartnerIndexPage,
    "news index": NewsIndexPage,
    "news": NewsPage,
    "event index": EventIndexPage,
    "event": EventPage,
    "learning index": LearningIndexPage,
    "module": ModulePage,
    "lesson": LessonPage,
    "form index": FormIndexPage,
    "form": ApplicationFormPage,
    "indicator index": IndicatorIndexPage,
    "survey results": SurveyResultsPage,
    "volunteering": VolunteeringIndexPage,
    "opportunity": VolunteerOpportunityPage,
    "help request": HelpRequestPage,
}
# Addresses that are not pages of their own, in the table after the page types.
SUB_ADDRESSES = ["indicator", "alerts", "search"]
# A word found in the demo content of each language.
SEARCHES = {"ar": "الجمعيات", "en": "digital"}
# Failures that are decisions, not defects: the audit, and why.
DELIBERATE = {
    ("search", "is-crawlable"): "noindex on purpose",
    ("alerts", "is-crawlable"): "noindex on purpose",
}


def addresses(language):
    """The first page of each type in `language` (in tree order), its first charted indicator
    (a series, drawn as a chart), the alerts page, and a search for a word."""
    locale = Locale.objects.get(language_code=language)
    pages = {
        name: model.objects.live().filter(locale=locale).order_by("path").first()
        for name, model in PAGE_TYPES.items()
    }
    urls = {name: page.url for name, page in pages.items() if page is not None}
    indicators = pages["indicator index"]
    if indicators is not None:
        dated = (i for i in indicators.indicators() if len({p["date"] for p in i.points}) > 1)
        charted = next(dated, None)
        if charted is not None:
            urls["indicator"] = indicators.indicator_url(charted)
    urls["alerts"] = f"/{language}/alerts/"
    urls["search"] = f"/{language}/search/?q={quote(SEARCHES[language])}"
    return urls


def lighthouse(url, attempts=3):
    """Lighthouse's report on `url`, as JSON. Headless Chrome now and then loses a page load's
    trace (NO_NAVSTART); Lighthouse then asks to be run again, and is."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--chrome-flags=--headless=new --no-sandbox",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                "--output-path=stdout",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
        if attempt < attempts:
            print(f"  Lighthouse failed on {url}; again", file=sys.stderr, flush=True)
    raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")


def scores(report):
    """Each category's score out of 100, the total blocking time in milliseconds, and the scored
    audits that failed in the categories under 100."""
    row, failed = {"tbt": report["audits"]["total-blocking-time"]["numericValue"]}, []
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        row[category] = None if score is None else round(score * 100)
        if score is None or score == 1:
            continue
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return row, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=Path, help="keep each page's full report (JSON) here")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help='only these rows, e.g. --only indicator "home"'
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` in bench/lighthouse (or `make bench`).")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Lighthouse needs Debian's chromium at {CHROMIUM}: sudo apt-get install chromium")
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=StringIO())
        site_bench.collect_static()
        pages = {language: addresses(language) for language in LANGUAGES}
        server = site_bench.Server(workers=2, CACHE_DIR=str(WORK / "cache"))
        try:
            rows = []
            for name in [*PAGE_TYPES, *SUB_ADDRESSES]:
                for language in LANGUAGES:
                    if name not in pages[language] or (args.only and name not in args.only):
                        continue
                    url = f"http://127.0.0.1:{server.port}{pages[language][name]}"
                    report = lighthouse(url)
                    if args.reports:
                        args.reports.mkdir(parents=True, exist_ok=True)
                        slug = name.replace(" ", "-")
                        (args.reports / f"{slug}-{language}.json").write_text(json.dumps(report))
                    row, failed = scores(report)
                    rows.append((name, language, row, failed))
                    print(f"  {name} ({language}) done", file=sys.stderr, flush=True)
        finally:
            server.stop()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

    chromium = re.search(r"Chrome/(\d+)", report["environment"]["hostUserAgent"]).group(1)
    print(f"\nLighthouse {report['lighthouseVersion']}, headless Chromium {chromium}, mobile")
    print("with simulated throttling; the demo content served by gunicorn, production settings.\n")
    header = f"{'page':16} {'lang':4} {'perf':>4} {'a11y':>4} {'best':>4} {'SEO':>4}"
    header += f" {'TBT ms':>6}  failing audits"
    print(header)
    print("-" * len(header))
    for name, language, row, failed in rows:
        figures = " ".join(f"{'—' if row[c] is None else row[c]:>4}" for c in CATEGORIES)
        figures += f" {row['tbt']:6.0f}"
        notes = [
            f"{audit} ({DELIBERATE[name, audit]})" if (name, audit) in DELIBERATE else audit
            for audit in failed
        ]
        print(f"{name:16} {language:4} {figures}  {', '.join(notes)}".rstrip())


if __name__ == "__main__":
    main()
