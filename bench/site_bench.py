"""Every page type at volume, as production serves it, on SQLite and on PostgreSQL: queries, SQL
time, latency and throughput under load, weight.

    make bench      # or: .venv/bin/python bench/site_bench.py [--pages 10000] [--databases sqlite]

Builds (once per database; reused while the page count matches) a site of Arabic programmes,
news, events and lessons beside the demo content (--pages 0: the demo content alone):
SQLite var/bench-site.sqlite3, and PostgreSQL at DATABASE_URL when it names one, else a throwaway
server (bench/pg.py). Then, per database, starts gunicorn (2 workers, one per core) with the
production settings and measures, per page type: the queries a request makes once the shared
fragments are remembered and their time in the database (in-process, median of 5), then with the
page cache off, p50/p95 latency and requests per second with 16 connections from wrk (medians of
3 rounds of 5 s), requests per second with the anonymous page cache warm, and the gzip bytes of
the HTML and of HTML + CSS + JS. Two baselines run in the same run: a plain Django view returning
a string (its own gunicorn, no middleware), and a minimal Wagtail page (a standard page with an
empty body: the site's base template, menu and footer) served by the same gunicorn as the pages.
Nothing here is asserted.
"""

import argparse
import datetime
import gzip
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
ONE_DATABASE = "BENCH_SITE_DATABASE"


def each_database(names):
    """Runs this script once per database, each in its own process (Django is set up once)."""
    from pg import ThrowawayPostgres

    for name in names:
        if name == "sqlite":
            url = f"sqlite:///{ROOT / 'var' / 'bench-site.sqlite3'}"
            subprocess.run([sys.executable, *sys.argv], env={**os.environ, ONE_DATABASE: url})
        elif os.environ.get("DATABASE_URL", "").startswith("postgres"):
            url = os.environ["DATABASE_URL"]
            subprocess.run([sys.executable, *sys.argv], env={**os.environ, ONE_DATABASE: url})
        else:
            with ThrowawayPostgres() as server:
                env = {**os.environ, ONE_DATABASE: server.url}
                subprocess.run([sys.executable, *sys.argv], env=env)


if __name__ == "__main__" and not os.environ.get(ONE_DATABASE):
    chosen = sys.argv[sys.argv.index("--databases") + 1] if "--databases" in sys.argv else ""
    each_database((chosen or "sqlite,postgres").split(","))
    sys.exit(0)

DATABASE_URL = os.environ[ONE_DATABASE]
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.signal_handlers import disable_reference_index_auto_update  # noqa: E402

from applications.models import ApplicationFormPage  # noqa: E402
from home.models import HomePage, StandardPage  # noqa: E402
from learning.models import LearningIndexPage, LessonPage, ModulePage  # noqa: E402
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage  # noqa: E402
from programmes.models import ProgrammeIndexPage, ProgrammePage  # noqa: E402

# Of every 100 pages built: news is most of a programme site, then lessons, events, programmes.
# Modules come first: lessons are built under them.
MIX = {"modules": 1, "programmes": 5, "events": 20, "lessons": 24, "news": 50}
WORDS = (
    "تطلق الوزارة برنامجًا لتمكين الجمعيّات الأهلية من التحوّل الرقمي، ويشمل التدريب على إدارة "
    "المشاريع والأمن الرقمي وحماية البيانات وتصميم المواقع، بمشاركة المتطوّعين والجامعات."
)
PARAGRAPH = f"<p>{WORDS} {WORDS}</p>"
MINIMAL = "bench-minimal"
HELLO = """
import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="bench", ROOT_URLCONF=__name__,
                   MIDDLEWARE=[])
django.setup()
urlpatterns = [path("", lambda request: HttpResponse("hello"))]
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
"""


def arabic(model):
    return model.objects.live().filter(locale=Locale.objects.get(language_code="ar"))


def build(count):
    """The bench pages under the demo's Arabic section pages; False when they are already there."""
    built = arabic(Page).filter(slug__startswith="bench-").exclude(slug=MINIMAL).count()
    if built == count:
        return False
    arabic(Page).filter(slug__startswith="bench-", depth__lte=4).delete()
    # Indexed once, below; the reference index (where-used in the admin) plays no part in serving.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    sections = {
        "programmes": arabic(ProgrammeIndexPage).first(),
        "news": arabic(NewsIndexPage).first(),
        "events": arabic(EventIndexPage).first(),
        "modules": arabic(LearningIndexPage).first(),
    }
    now = timezone.now()
    plan = [kind for kind, share in MIX.items() for _ in range(share * count // 100)]
    modules = []
    for start in range(0, len(plan), 500):  # one transaction per batch: SQLite syncs on commit
        with transaction.atomic(), disable_reference_index_auto_update():
            for n in range(start, min(start + 500, len(plan))):
                kind, slug = plan[n], f"bench-{n}"
                title = f"{WORDS[: 30 + n % 40]} {n}"
                if kind == "programmes":
                    page = ProgrammePage(
                        title=title,
                        slug=slug,
                        summary=WORDS,
                        track="الاحتضان",
                        opens=now.date() - datetime.timedelta(days=n % 60),
                        closes=now.date() + datetime.timedelta(days=n % 90),
                        body=[("paragraph", PARAGRAPH)],
                    )
                elif kind == "news":
                    day = now.date() - datetime.timedelta(days=n % 3000)
                    page = NewsPage(
                        title=title,
                        slug=slug,
                        summary=WORDS,
                        date=day,
                        body=[("paragraph", PARAGRAPH)],
                    )
                elif kind == "events":
                    starts = now + datetime.timedelta(days=n % 400 - 200)
                    page = EventPage(
                        title=title,
                        slug=slug,
                        summary=WORDS,
                        place="مركز التنمية الاجتماعية",
                        region="دمشق",
                        starts=starts,
                        ends=starts + datetime.timedelta(hours=3),
                        body=[("paragraph", PARAGRAPH)],
                    )
                elif kind == "modules":
                    page = ModulePage(
                        title=title,
                        slug=slug,
                        summary=WORDS,
                        topic="cybersecurity",
                        level="beginner",
                        duration_minutes=90,
                        pass_mark=70,
                    )
                    modules.append(sections["modules"].add_child(instance=page))
                    continue
                else:
                    page = LessonPage(title=title, slug=slug, body=[("paragraph", PARAGRAPH)])
                    modules[n % len(modules)].add_child(instance=page)
                    continue
                sections[kind].add_child(instance=page)
        print(f"  {min(start + 500, len(plan))} of {len(plan)} pages", flush=True)
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
    return True


def urls():
    """One Arabic address per page type: the newest bench page of each (the demo's newest with
    --pages 0), and the demo's form."""

    def newest(model):
        return arabic(model).order_by("-pk").first().url

    return {
        "home": "/ar/",
        "programme index": arabic(ProgrammeIndexPage).first().url,
        "programme": newest(ProgrammePage),
        "news index": arabic(NewsIndexPage).first().url,
        "news": newest(NewsPage),
        "event index": arabic(EventIndexPage).first().url,
        "event": newest(EventPage),
        "learning index": arabic(LearningIndexPage).first().url,
        "module": newest(ModulePage),
        "lesson": newest(LessonPage),
        "search": "/ar/search/?q=%D8%A7%D9%84%D8%AC%D9%85%D8%B9%D9%8A%D8%A7%D8%AA",  # الجمعيات
        "form": arabic(ApplicationFormPage).first().url,
    }


def minimal_page():
    """The baseline page: a standard page with an empty body under the Arabic home page."""
    page = arabic(StandardPage).filter(slug=MINIMAL).first()
    if page is None:
        home = arabic(HomePage).first()
        page = home.add_child(instance=StandardPage(title="صفحة", slug=MINIMAL))
    return page.url


def queries(url):
    """The queries of a request once the shared fragments are remembered, and their time in the
    database: (count, median ms of 5 requests)."""
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(2):
        client.get(url)
    counts, times = [], []
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(captured))
        times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return max(counts), statistics.median(times)


WORKERS = 2
CONNECTIONS = 16
ROUNDS = 3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collect_static():
    """The hashed, compressed static files the Server's production settings serve."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        },
        cwd=ROOT,
        check=True,
    )


class Server:
    """gunicorn on a free port, with the production settings unless `app` says otherwise."""

    def __init__(self, app="config.wsgi", workers=WORKERS, **env):
        self.port = free_port()
        production = {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": DATABASE_URL,
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
            "CACHE_DIR": str(ROOT / "var" / "bench-cache"),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), app, "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(workers), "--timeout", "120", "--log-level", "warning"]
        self.process = subprocess.Popen(command, env={**os.environ, **production, **env}, cwd=ROOT)
        for _ in range(200):
            try:
                get(self.port, "/")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def get(port, url, gzip_ok=False):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    conn.request("GET", url, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


# wrk (a C load generator) makes the requests: a load generator in Python would take a good share
# of the two cores from the server it measures. It prints what this script reads.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("bench %d %d %d %f %f\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""
WRK = shutil.which("wrk")


def under_load(port, url, seconds=5, rounds=ROUNDS):
    """(p50 ms, p95 ms, requests per second) with CONNECTIONS connections, medians of the rounds."""
    # Every worker renders the page first (templates and code loaded, fragments remembered).
    for _ in range(WORKERS * 3):
        get(port, url)
    script = ROOT / "var" / "bench-wrk.lua"
    script.write_text(WRK_REPORT)
    p50s, p95s, rates = [], [], []
    for _ in range(rounds):
        command = [WRK, "-t", str(WORKERS), "-c", str(CONNECTIONS), "-d", f"{seconds}s"]
        command += ["-s", str(script), f"http://127.0.0.1:{port}{url}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        line = next(line for line in output.splitlines() if line.startswith("bench "))
        requests, micros, errors, p50, p95 = line.split()[1:]
        if int(errors):
            raise RuntimeError(f"{url}: {errors} of {requests} requests failed")
        rates.append(int(requests) / (int(micros) / 1e6))
        p50s.append(float(p50))
        p95s.append(float(p95))
    return statistics.median(p50s), statistics.median(p95s), statistics.median(rates)


ASSET = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"'
)


def weight(port, url):
    """gzip bytes of the HTML, of HTML + CSS + JS, and the number of requests the page makes."""
    _status, body = get(port, url, gzip_ok=True)
    html = gzip.decompress(body).decode() if body[:2] == b"\x1f\x8b" else body.decode()
    assets = set(ASSET.findall(html))
    total = len(body)
    for asset in assets:
        if asset.endswith((".css", ".js")):
            total += len(get(port, asset, gzip_ok=True)[1])
    return len(body), total, 1 + len(assets)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=5, help="length of a round")
    parser.add_argument("--databases", default="sqlite,postgres")
    args = parser.parse_args()
    if WRK is None:
        sys.exit("The load comes from wrk: sudo apt-get install wrk (or `make bench`).")

    call_command("migrate", verbosity=0)
    if not arabic(ProgrammeIndexPage).exists():
        call_command("load_demo", stdout=StringIO())
    started = time.perf_counter()
    if build(args.pages):
        print(f"built {args.pages} pages in {time.perf_counter() - started:.0f} s; indexing…")
        call_command("update_index", verbosity=0)
    pages = urls()
    minimal = minimal_page()
    collect_static()
    shutil.rmtree(ROOT / "var" / "bench-cache", ignore_errors=True)
    pages["minimal page"] = minimal
    rows = {}
    for name, url in pages.items():
        rows[name] = {}
        rows[name]["queries"], rows[name]["sql"] = queries(url)

    cold = Server(PAGE_CACHE_SECONDS="0")
    try:
        for name, url in pages.items():
            rows[name]["p50"], rows[name]["p95"], rows[name]["rps"] = under_load(
                cold.port, url, args.seconds
            )
            rows[name]["html"], rows[name]["total"], _requests = weight(cold.port, url)
    finally:
        cold.stop()
    warm = Server(PAGE_CACHE_SECONDS="300")
    try:
        for name, url in pages.items():
            rows[name]["warm"] = under_load(warm.port, url, args.seconds, rounds=1)[2]
    finally:
        warm.stop()
    hello_module = ROOT / "var" / "bench_hello.py"
    hello_module.write_text(HELLO)
    hello = Server(app="bench_hello:application", PYTHONPATH=str(hello_module.parent))
    try:
        p50, p95, rps = under_load(hello.port, "/", args.seconds)
    finally:
        hello.stop()
    hello_row = {"p50": p50, "p95": p95, "rps": rps}

    base = rows["minimal page"]["p50"]
    print(f"\n{connection.vendor}: {args.pages} bench pages; gunicorn, production", end="")
    print(f" settings, {WORKERS} workers; wrk with {CONNECTIONS} connections, medians of {ROUNDS}")
    print(f"rounds of {args.seconds} s. Queries and SQL ms: one request once the shared fragments")
    print("are remembered. ×min: p50 over the minimal Wagtail page's. Sizes gzip.\n")
    header = (
        f"{'page type':16} {'queries':>7} {'SQL ms':>7} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6}"
        f" {'×min':>5} {'warm':>6} {'HTML KB':>8} {'all KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        print(
            f"{name:16} {row['queries']:7d} {row['sql']:7.1f} {row['p50']:7.1f} {row['p95']:7.1f}"
            f" {row['rps']:6.0f} {row['p50'] / base:5.1f} {row['warm']:6.0f}"
            f" {row['html'] / 1024:8.1f} {row['total'] / 1024:7.1f}"
        )
    print(
        f"{'plain Django':16} {'':>7} {'':>7} {hello_row['p50']:7.1f} {hello_row['p95']:7.1f}"
        f" {hello_row['rps']:6.0f} {hello_row['p50'] / base:5.1f}"
    )
    print("\nreq/s: page cache off; warm: anonymous-page cache on and filled (one round)")


if __name__ == "__main__":
    main()
