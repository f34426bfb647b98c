"""Form submissions per second and their latency (p50/p95) on PostgreSQL, beside a baseline.

    make bench     # or: .venv/bin/python bench/submission_bench.py [--workers 4]

Starts a throwaway PostgreSQL server (bench/pg.py; or uses DATABASE_URL), loads the demo
content, and runs gunicorn (4 workers) with TASK_QUEUE=database and one `db_worker` beside it,
as in production. At 1, 8 and 50 concurrent clients it sends the demo complaint form, a third of
the time with a PDF attached, and, at the same concurrency, as many posts to a plain Django view
that inserts one row (bench/urls.py): the baseline; and as many posts of the same answers to the
floor, the least any Django site does with them (a Django form, one row stored with the ORM).
Each applicant opens the form first (for its CSRF cookie and one-time token); only the posts are
timed. Afterwards it counts what was lost (acknowledged but not stored), server errors, and the
emails delivered. Each run's line also says where the machine's processor time went, per request:
the web server's processes, the task worker (a submission's until its two emails are sent),
PostgreSQL and the clients; a request's cost is what the site spends on it, compared with the
baseline's. Nothing here is asserted by the test suite.
"""

import argparse
import http.client
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pg import ThrowawayPostgres, free_port

ROOT = Path(__file__).resolve().parent.parent
FORM = "/ar/forms/complaints/"
BASELINE = "/bench/insert-one-row"
FLOOR = "/bench/store-one-form"
PDF = b"%PDF-1.4\n" + b"%" + b"x" * 100_000 + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LOADS = [(1, 60), (8, 400), (50, 500)]  # (concurrent clients, requests)
# Where a request's processor time goes (Linux: read from /proc).
GROUPS = ("web", "tasks", "database", "clients")


def server_environment(database_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "TASK_QUEUE": "database",
        # The bench is one client sending many forms: lift the per-client limit.
        "APPLICATIONS_SUBMIT_LIMIT": "1000000",
        "EMAIL_URL": "dummymail://",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT, **kwargs
    )


def prepare(env):
    # The demo is indexed as it is loaded, as a deployment's content already is: queued, its
    # hundreds of indexing tasks would keep the worker busy through the first rounds.
    env = {**env, "TASK_QUEUE": "immediate"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", stdout=subprocess.DEVNULL)
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute("
        "'CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body text)')",
    )


def start_server(env, port, workers, log=None):
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
            "--backlog",
            "2048",
        ],
        env=env,
        cwd=ROOT,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def start_worker(env, log=None):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.2", "-v0"],
        env=env,
        cwd=ROOT,
        stderr=log,
    )


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, kind) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Applicant:
    """One applicant: opens the form (untimed), then `send()` posts it once."""

    def __init__(self, base, n, with_pdf):
        self.base, self.n, self.with_pdf = base, n, with_pdf
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        html = self.opener.open(base + FORM, timeout=60).read().decode()
        self.fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html)
        )

    def request(self, address=FORM):
        fields = {
            **self.fields,
            "full_name": f"مقدم الشكوى {self.n}",
            "email": f"applicant{self.n}@example.org",
            "phone": "0933123456",
            "subject": "المنصة الإلكترونية",
            "details": "لم أتمكن من تحميل شهادة الدورة من المنصة.",
            "consent": "on",
        }
        headers = {"Referer": self.base + FORM}
        if self.with_pdf:
            data, headers["Content-Type"] = multipart(
                fields, {"attachment": ("شهادة.pdf", PDF, "application/pdf")}
            )
        else:
            data = urllib.parse.urlencode(fields).encode()
        return urllib.request.Request(self.base + address, data=data, headers=headers)

    def send(self):
        request = self.request()
        return self.timed(request, r'data-testid="reference"[^>]*>\s*([^<\s]+)')

    def send_to_floor(self):
        return self.timed(self.request(FLOOR), r"^(\w+)$")

    def timed(self, request, acknowledgement):
        start = time.perf_counter()
        try:
            body = self.opener.open(request, timeout=120).read().decode()
        except urllib.error.HTTPError as error:
            return (time.perf_counter() - start) * 1000, error.code, None
        except (OSError, http.client.HTTPException):
            # The connection was cut (a killed server process): not acknowledged.
            return (time.perf_counter() - start) * 1000, 0, None
        ms = (time.perf_counter() - start) * 1000
        reference = re.search(acknowledgement, body)
        return ms, 200, reference.group(1) if reference else None


def baseline_post(base, n):
    data = urllib.parse.urlencode({"n": str(n)}).encode()
    start = time.perf_counter()
    try:
        urllib.request.urlopen(base + BASELINE, data=data, timeout=120).read()
        code = 200
    except urllib.error.HTTPError as error:
        code = error.code
    return (time.perf_counter() - start) * 1000, code, str(n)


def timed_run(calls, concurrency):
    """Runs the calls `concurrency` at a time: (results, seconds)."""
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda call: call(), calls))
    return results, time.perf_counter() - start


def processor_seconds(roots):
    """Processor time used so far by each group of processes, {name: seconds}: a group is its
    root process and every descendant; "database" is every process named postgres."""
    parents, used, names = {}, {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/comm") as comm:
                names[int(pid)] = comm.read().strip()
        except OSError:
            continue
        parents[int(pid)] = int(fields[1])
        used[int(pid)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def group(pid):
        while pid > 1:
            for name, root in roots.items():
                if pid == root:
                    return name
            pid = parents.get(pid, 1)
        return None

    totals = dict.fromkeys([*roots, "database"], 0.0)
    for pid, seconds in used.items():
        name = "database" if names[pid].startswith("postgres") else group(pid)
        if name:
            totals[name] += seconds
    return totals


def percentile(values, share):
    values = sorted(values)
    return values[max(0, int(len(values) * share + 0.5) - 1)]


def row(label, concurrency, results, seconds, used):
    """Prints a run's line; `used`: processor seconds per group of processes during the run."""
    times = [ms for ms, _code, _ok in results]
    accepted = sum(1 for _ms, code, ok in results if code == 200 and ok)
    errors = sum(1 for _ms, code, _ok in results if code >= 500)
    per_second = accepted / seconds
    per_request = {name: used[name] * 1000 / len(results) for name in GROUPS}
    # What a request costs the site: the web server and PostgreSQL, and the task worker when the
    # request gives it work (an idle worker's polling is no request's cost); not the clients.
    cost = per_request["web"] + per_request["database"]
    if label == "submission":
        cost += per_request["tasks"]
    print(
        f"{label:10} {concurrency:7d} {len(results):8d} {accepted:8d} {errors:4d} "
        f"{statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} {per_second:9.1f}"
        + "".join(f" {ms:8.2f}" for ms in per_request.values())
        + f" {cost:7.2f}"
    )
    return cost


def measured(calls, concurrency, roots, settled=None):
    """(results, seconds, processor seconds used per group) of a timed run; with `settled`, the
    processor time is counted until it says the run's work is done (its emails sent)."""
    before = processor_seconds(roots)
    results, seconds = timed_run(calls, concurrency)
    deadline = time.monotonic() + 120
    while settled and not settled() and time.monotonic() < deadline:
        time.sleep(0.05)
    after = processor_seconds(roots)
    return results, seconds, {name: after[name] - before[name] for name in after}


def open_applicants(base, start, count, concurrency):
    with ThreadPoolExecutor(min(concurrency, 8)) as pool:
        return list(
            pool.map(lambda n: Applicant(base, n, with_pdf=n % 3 == 0), range(start, start + count))
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the request counts")
    args = parser.parse_args()
    database = None
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        database = ThrowawayPostgres().start()
        database_url = database.url
    processes = []
    try:
        env = server_environment(database_url)
        prepare(env)
        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        import django

        django.setup()
        from applications.models import Submission
        from home.outbox import OutgoingEmail

        before = Submission.objects.count()
        server, base = start_server(env, free_port(), args.workers)
        processes.append(server)
        processes.append(start_worker(env))
        # Every gunicorn worker renders the form and stores one submission before measuring.
        for applicant in open_applicants(base, -20, 20, 8):
            applicant.send()
        acknowledged = []
        print(
            f"{'request':10} {'clients':>7} {'requests':>8} {'accepted':>8} {'5xx':>4} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'per second':>9}"
            + "".join(f" {name + ' ms':>8}" for name in GROUPS)
            + f" {'cost ms':>7}"
        )
        ratios = {}
        n = floors = 0
        roots = {"web": server.pid, "tasks": processes[1].pid, "clients": os.getpid()}
        for concurrency, count in LOADS:
            count = max(concurrency, int(count * args.scale))
            baseline = row(
                "baseline",
                concurrency,
                *measured(
                    [lambda i=i: baseline_post(base, i) for i in range(count)], concurrency, roots
                ),
            )
            applicants = open_applicants(base, n, count, concurrency)
            floor = row(
                "floor",
                concurrency,
                *measured([a.send_to_floor for a in applicants], concurrency, roots),
            )
            floors += count
            applicants = open_applicants(base, n, count, concurrency)
            n += count
            results, seconds, used = measured(
                [a.send for a in applicants],
                concurrency,
                roots,
                settled=lambda: not OutgoingEmail.objects.exclude(state="sent").exists(),
            )
            acknowledged += [ok for _ms, code, ok in results if code == 200 and ok]
            submissions = row("submission", concurrency, results, seconds, used)
            ratios[concurrency] = (floor / baseline, submissions / baseline)
        stored = set(
            Submission.objects.filter(reference__in=acknowledged).values_list(
                "reference", flat=True
            )
        )
        print(
            f"\n{args.workers} gunicorn workers and one db_worker, PostgreSQL; a third of the "
            "submissions with a 100 KB PDF."
        )
        print(
            "web, tasks, database, clients: processor time per request in the web server's "
            "processes, the task worker, PostgreSQL and this script's clients; a submission's "
            "until its emails are sent. cost: web and database, and tasks for a submission."
        )
        for concurrency, (floor, submission) in ratios.items():
            print(
                f"cost at {concurrency} clients, in baselines: a submission {submission:.1f}×, "
                f"the floor {floor:.1f}×"
            )
        print(
            f"acknowledged {len(acknowledged)}, stored {len(stored)}, lost "
            f"{len(set(acknowledged) - stored)}; references unique: "
            f"{len(set(acknowledged)) == len(acknowledged)}; "
            f"submissions stored in all {Submission.objects.count() - before - floors}"
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and OutgoingEmail.objects.exclude(state="sent").exists():
            time.sleep(1)
        print(
            f"emails recorded {OutgoingEmail.objects.count()}, sent "
            f"{OutgoingEmail.objects.filter(state='sent').count()}"
        )
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        if database:
            from django.db import connections

            connections.close_all()
            database.delete()


if __name__ == "__main__":
    main()
