"""Form submission latency (p50/p95) and throughput under concurrent load, against a running server.

    make bench     # or: .venv/bin/python bench/submission_bench.py [--submissions N]

Starts gunicorn on a free port with its own database (SQLite var/bench-submissions.sqlite3 unless
DATABASE_URL is set), loaded with the demo content. Each simulated applicant opens the demo
complaint form (for its CSRF cookie and one-time token) and sends it; only the POST is timed. The
same number of GET /healthz requests at the same concurrency is the baseline. Afterwards it
checks that every submission was stored exactly once. Nothing here is asserted by the test suite.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORM = "/ar/forms/complaints/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        # The bench is one client sending many forms: lift the per-client limit.
        "APPLICATIONS_SUBMIT_LIMIT": "1000000",
        "EMAIL_URL": "dummymail://",
    }


def prepare(env):
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def start(env, port, workers):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def timed(call):
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def healthz(base):
    return timed(lambda: urllib.request.urlopen(base + "/healthz", timeout=30).read())


def submit(base, n):
    """Open the form as a browser does, then send it; returns the POST's milliseconds."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + FORM, timeout=30).read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
    data = urllib.parse.urlencode(
        {
            **fields,
            "full_name": f"مقدم الشكوى {n}",
            "email": f"applicant{n}@example.org",
            "phone": "0933123456",
            "subject": "المنصة الإلكترونية",
            "details": "لم أتمكن من تحميل شهادة الدورة من المنصة.",
            "consent": "on",
        }
    ).encode()
    request = urllib.request.Request(base + FORM, data=data, headers={"Referer": base + FORM})
    body = []
    ms = timed(lambda: body.append(opener.open(request, timeout=30).read().decode()))
    if 'data-testid="reference"' not in body[0]:
        raise RuntimeError("a submission got no reference")
    return ms


def run(label, call, count, concurrency):
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        times = sorted(pool.map(call, range(count)))
    elapsed = time.perf_counter() - start
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{label:22} {statistics.median(times):9.1f} {p95:8.1f} {count / elapsed:10.1f} {count:8d}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    database_url = os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-submissions.sqlite3'}"
    )
    env = server_environment(database_url)
    prepare(env)
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from applications.models import Submission

    before = Submission.objects.count()
    port = free_port()
    process, base = start(env, port, args.workers)
    try:
        for n in range(5):  # warm every worker
            submit(base, -n)
            healthz(base)
        print(f"{'request':22} {'p50 ms':>9} {'p95 ms':>8} {'per second':>10} {'requests':>8}")
        run("GET /healthz", lambda n: healthz(base), args.submissions, args.concurrency)
        run(f"POST {FORM}", lambda n: submit(base, n), args.submissions, args.concurrency)
    finally:
        process.terminate()
        process.wait()
    stored = Submission.objects.count() - before - 5
    references = Submission.objects.values("reference").distinct().count()
    print(
        f"({args.concurrency} concurrent clients, {args.workers} gunicorn workers, "
        f"{database_url.split(':', 1)[0]}; {stored} of {args.submissions} submissions stored, "
        f"references unique: {references == Submission.objects.count()})"
    )


if __name__ == "__main__":
    main()
