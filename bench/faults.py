"""What survives a fault: submissions acknowledged, stored, and their emails delivered once.

    .venv/bin/python bench/faults.py [--submissions 120] [--clients 8]

Starts a throwaway PostgreSQL server (bench/pg.py), gunicorn (4 workers) and one `db_worker`
with TASK_QUEUE=database, production-like; emails are written to files, one per delivery
(bench/mail.py, 0.2 s each, as a mail server's round trip). For each scenario, applicants send
the demo complaint form while the fault strikes:

- a gunicorn worker is killed (SIGKILL) mid-run; its master starts another;
- the task worker is killed (SIGKILL) while it runs a task, and started again, as systemd would;
- PostgreSQL restarts mid-run (the throwaway server, never another).

Then it waits (five minutes at most) until every email recorded for the acknowledged
submissions has been delivered, and prints per scenario: acknowledged (a reference shown to the
applicant), stored, emails expected, delivered, duplicates (one Message-ID delivered twice) and
how long after the fault the last one went out. No cron runs: the worker's own recovery (every
minute) is the only retry, so these are the slowest figures.
"""

import argparse
import email
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from tempfile import mkdtemp

from pg import ThrowawayPostgres, free_port
from submission_bench import (
    ROOT,
    open_applicants,
    prepare,
    server_environment,
    start_server,
    start_worker,
    timed_run,
)

DEADLINE = 300


def deliveries(folder):
    found = Counter()
    for path in Path(folder).glob("*.eml"):
        found[" ".join(email.message_from_bytes(path.read_bytes())["Message-ID"].split())] += 1
    return found


def children(pid):
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


class Site:
    """gunicorn and db_worker; what they log (the errors a fault causes) goes to a file."""

    def __init__(self, env, database, mail_dir):
        self.env, self.database, self.mail_dir = env, database, mail_dir
        self.log = open(Path(mail_dir).parent / f"{Path(mail_dir).name}.log", "w")  # noqa: SIM115
        self.server, self.base = start_server(env, free_port(), 4, self.log)
        self.worker = start_worker(env, self.log)

    def kill_gunicorn_worker(self):
        os.kill(children(self.server.pid)[0], signal.SIGKILL)

    def kill_task_worker(self):
        from django_tasks_db.models import DBTaskResult

        for _ in range(200):  # until it is in the middle of a task
            if DBTaskResult.objects.filter(status="RUNNING").exists():
                break
            time.sleep(0.05)
        self.worker.kill()
        self.worker.wait()
        self.worker = start_worker(self.env, self.log)

    def restart_database(self):
        from django.db import connections

        connections.close_all()
        self.database.restart()

    def stop(self):
        for process in (self.server, self.worker):
            process.terminate()
            process.wait()
        self.log.close()
        print(f"(the servers' log: {self.log.name})")


def scenario(site, label, fault, start, count, clients):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    from applications.models import Submission
    from home.outbox import OutgoingEmail

    applicants = open_applicants(site.base, start, count, clients)
    struck = {}

    def strike():
        time.sleep(1.5)
        struck["at"] = time.monotonic()
        fault()

    striker = threading.Thread(target=strike)
    striker.start()
    results, _seconds = timed_run([a.send for a in applicants], clients)
    striker.join()
    connections.close_all()
    acknowledged = {ref for _ms, code, ref in results if code == 200 and ref}
    stored = dict(
        Submission.objects.filter(reference__in=acknowledged).values_list("pk", "reference")
    )
    rows = OutgoingEmail.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission), object_id__in=list(stored)
    )
    while True:
        expected = {row.message_id for row in rows}
        found = deliveries(site.mail_dir)
        late = time.monotonic() - struck["at"]
        if all(found[m] for m in expected) or late > DEADLINE:
            break
        time.sleep(2)
    delivered = sum(1 for m in expected if found[m])
    duplicates = sum(found[m] - 1 for m in expected if found[m] > 1)
    print(
        f"{label:32} {len(acknowledged):5d} {len(stored):6d} {len(expected):8d} "
        f"{delivered:9d} {duplicates:10d} {late:8.0f}",
        flush=True,
    )
    return len(acknowledged) - len(stored), len(expected) - delivered, duplicates


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=120)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    mail_dir = mkdtemp(prefix="tamkeen-bench-mail-")
    database = ThrowawayPostgres().start()
    site = None
    try:
        env = server_environment(database.url, BENCH_MAIL_DIR=mail_dir, BENCH_MAIL_DELAY="0.2")
        prepare(env)
        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        import django

        django.setup()
        site = Site(env, database, mail_dir)
        print(
            f"{'scenario':32} {'acked':>5} {'stored':>6} {'expected':>8} {'delivered':>9} "
            f"{'duplicates':>10} {'after s':>8}",
            flush=True,
        )
        faults = [
            ("gunicorn worker killed", site.kill_gunicorn_worker),
            ("task worker killed mid-task", site.kill_task_worker),
            ("PostgreSQL restarted", site.restart_database),
        ]
        totals = [0, 0, 0]
        for number, (label, fault) in enumerate(faults):
            outcome = scenario(
                site, label, fault, number * args.submissions, args.submissions, args.clients
            )
            totals = [a + b for a, b in zip(totals, outcome, strict=True)]
        lost, undelivered, duplicates = totals
        print(
            f"\n{args.clients} clients, {args.submissions} submissions per scenario; lost "
            f"{lost}, emails undelivered after {DEADLINE // 60} minutes {undelivered}, "
            f"duplicates {duplicates}"
        )
    finally:
        if site:
            site.stop()
        from django.db import connections

        connections.close_all()
        database.delete()


if __name__ == "__main__":
    main()
