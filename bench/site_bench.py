"""Every page type at volume, as production serves it: latency, throughput, weight and queries.

    make bench      # or: .venv/bin/python bench/site_bench.py [--pages 10000] [--repeat 40]

Builds (once; reused while the page count matches) a site of Arabic programmes, news, events and
lessons beside the demo content, on its own database (SQLite var/bench-site.sqlite3 unless
DATABASE_URL is set). Then starts gunicorn with the production settings and measures, per page
type: latency p50/p95 over sequential requests with the page cache off (cold), requests per second
under concurrent load cold and with the anonymous-page cache warm, the HTML's gzip size, the gzip
bytes of HTML + CSS + JS, the number of requests the page makes, and its SQL queries. A plain
Django "hello" view under the same gunicorn is the baseline. Nothing here is asserted.
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
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench-site.sqlite3'}"
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
    built = arabic(Page).filter(slug__startswith="bench-").count()
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
    """One Arabic address per page type: the newest bench page of each, and the demo's form."""

    def newest(model):
        return arabic(model).filter(slug__startswith="bench-").order_by("-pk").first().url

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


def queries(url):
    with CaptureQueriesContext(connection) as captured:
        response = Client(HTTP_HOST="127.0.0.1").get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


WORKERS = 4


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


def latency(port, url, repeat):
    # Every worker renders the page once first (templates and code loaded), so that what is
    # measured is a page with the page cache cold, not a process's first request.
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda _: get(port, url), range(WORKERS * 2)))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, _body = get(port, url)
        times.append((time.perf_counter() - start) * 1000)
        assert status == 200, (url, status)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def throughput(port, url, requests, concurrency):
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(lambda _: get(port, url)[0], range(requests)))
    elapsed = time.perf_counter() - start
    assert set(statuses) == {200}, (url, set(statuses))
    return requests / elapsed


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
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--load", type=int, default=200, help="requests per throughput run")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not arabic(ProgrammeIndexPage).exists():
        call_command("load_demo", stdout=StringIO())
    started = time.perf_counter()
    if build(args.pages):
        print(f"built {args.pages} pages in {time.perf_counter() - started:.0f} s; indexing…")
        call_command("update_index", verbosity=0)
    collect_static()
    shutil.rmtree(ROOT / "var" / "bench-cache", ignore_errors=True)
    pages = urls()
    rows = {name: {"queries": queries(url)} for name, url in pages.items()}

    cold = Server(PAGE_CACHE_SECONDS="0")
    try:
        for name, url in pages.items():
            rows[name]["p50"], rows[name]["p95"] = latency(cold.port, url, args.repeat)
            rows[name]["rps"] = throughput(cold.port, url, args.load, args.concurrency)
            rows[name]["html"], rows[name]["total"], rows[name]["requests"] = weight(cold.port, url)
    finally:
        cold.stop()
    warm = Server(PAGE_CACHE_SECONDS="300")
    try:
        for name, url in pages.items():
            get(warm.port, url)
            rows[name]["warm"] = throughput(warm.port, url, args.load, args.concurrency)
    finally:
        warm.stop()
    hello_module = ROOT / "var" / "bench_hello.py"
    hello_module.write_text(HELLO)
    hello = Server(app="bench_hello:application", PYTHONPATH=str(hello_module.parent))
    try:
        base_p50, base_p95 = latency(hello.port, "/", args.repeat)
        base_rps = throughput(hello.port, "/", args.load, args.concurrency)
    finally:
        hello.stop()

    engine = connection.vendor
    print(f"\n{args.pages} bench pages on {engine}; gunicorn, production settings,", end=" ")
    print(f"{WORKERS} workers;")
    print(f"latency over {args.repeat} sequential requests, throughput {args.load} requests at")
    print(f"concurrency {args.concurrency}; sizes gzip. Baseline: a plain Django 'hello' view.\n")
    header = (
        f"{'page type':16} {'p50 ms':>7} {'p95 ms':>7} {'×hello':>7} {'req/s':>7} {'warm':>7}"
        f" {'×':>5} {'HTML KB':>8} {'all KB':>7} {'reqs':>5} {'SQL':>4}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        print(
            f"{name:16} {row['p50']:7.1f} {row['p95']:7.1f} {row['p50'] / base_p50:7.1f}"
            f" {row['rps']:7.0f} {row['warm']:7.0f} {row['warm'] / row['rps']:5.1f}"
            f" {row['html'] / 1024:8.1f} {row['total'] / 1024:7.1f} {row['requests']:5d}"
            f" {row['queries']:4d}"
        )
    print(f"{'hello':16} {base_p50:7.1f} {base_p95:7.1f} {1:7.1f} {base_rps:7.0f}")
    print("\nreq/s: page cache off; warm: anonymous-page cache on and filled; ×: warm / cold")


if __name__ == "__main__":
    main()
