"""Event registrations per second with 50 concurrent clients, on PostgreSQL, beside a baseline.

    make bench     # or: .venv/bin/python bench/registration_bench.py [--rounds 5]

Set up as bench/submission_bench.py does (a throwaway PostgreSQL server or DATABASE_URL, the demo
content, gunicorn with 4 workers, one db_worker, TASK_QUEUE=database). Before the server starts,
one workshop per round is created with its own registration form (a copy of the demo workshop's)
and fewer places than registrants, so that each round both gives places and fills the waiting
list, every registration locking the same row. Each round times as many posts to the baseline
view (a plain Django view inserting one row) and then the registrations, 50 at a time; each
registrant opens the form first, untimed. The figures are the medians of the rounds. Afterwards
it checks that no workshop gave more places than it has. Nothing here is asserted by the tests.
"""

import argparse
import datetime
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from pg import ThrowawayPostgres, free_port
from submission_bench import (
    ROOT,
    baseline_post,
    percentile,
    prepare,
    server_environment,
    start_server,
    start_worker,
    timed_run,
)

CLIENTS = 50
SOURCE_FORM = "digital-security-workshop-registration"


def workshops(rounds, places):
    """One future workshop per round, each with its own copy of the demo registration form."""
    from django.utils import timezone
    from wagtail.models import Locale

    from applications.models import ApplicationFormPage
    from news.models import EventIndexPage, EventPage

    arabic = Locale.get_default()
    source = ApplicationFormPage.objects.get(locale=arabic, slug=SOURCE_FORM)
    events = EventIndexPage.objects.get(locale=arabic)
    starts = timezone.now() + datetime.timedelta(days=30)
    made = []
    for n in range(rounds):
        form = source.copy(
            update_attrs={"slug": f"bench-registration-{n}", "title": f"تسجيل قياس {n}"},
            keep_live=True,
        )
        event = events.add_child(
            instance=EventPage(
                title=f"ورشة القياس {n}",
                slug=f"bench-workshop-{n}",
                locale=arabic,
                place="مركز التنمية الاجتماعية",
                starts=starts,
                ends=starts + datetime.timedelta(hours=3),
                capacity=places,
                registration_page=form,
            )
        )
        event.save_revision().publish()
        made.append((form.specific, event))
    return made


class Registrant:
    """One person: opens the form (untimed), then `send()` registers once."""

    def __init__(self, base, path, n):
        self.base, self.path, self.n = base, path, n
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        html = self.opener.open(base + path, timeout=60).read().decode()
        self.fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html)
        )

    def send(self):
        data = urllib.parse.urlencode(
            {
                **self.fields,
                "full_name": f"مشارك {self.n}",
                "organisation": "جمعية القياس",
                "email": f"participant{self.n}@example.org",
                "consent": "on",
            }
        ).encode()
        request = urllib.request.Request(
            self.base + self.path, data=data, headers={"Referer": self.base + self.path}
        )
        start = time.perf_counter()
        try:
            body = self.opener.open(request, timeout=120).read().decode()
        except urllib.error.HTTPError as error:
            return (time.perf_counter() - start) * 1000, error.code, None
        except OSError:
            return (time.perf_counter() - start) * 1000, 0, None
        ms = (time.perf_counter() - start) * 1000
        reference = re.search(r'data-testid="reference"[^>]*>\s*([^<\s]+)', body)
        return ms, 200, reference.group(1) if reference else None


def summary(results, seconds):
    times = [ms for ms, _code, _ok in results]
    accepted = sum(1 for _ms, code, ok in results if code == 200 and ok)
    errors = sum(1 for _ms, code, _ok in results if code >= 500)
    return {
        "accepted": accepted,
        "errors": errors,
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "per_second": accepted / seconds,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--registrations", type=int, default=100, help="per round")
    args = parser.parse_args()
    places = max(1, args.registrations * 3 // 5)
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
        from applications.models import Registration

        rounds = workshops(args.rounds, places)
        server, base = start_server(env, free_port(), args.workers)
        processes.append(server)
        processes.append(start_worker(env))
        # Every gunicorn worker renders a registration form once before measuring.
        warm_form = rounds[0][0]
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda n: Registrant(base, warm_form.url, -n - 1), range(8)))
        print(
            f"{'round':>5} {'request':12} {'requests':>8} {'accepted':>8} {'5xx':>4} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'per second':>10}"
        )
        figures = {"baseline": [], "registration": []}
        n = 0
        for number, (form, _event) in enumerate(rounds, start=1):
            results, seconds = timed_run(
                [lambda i=i: baseline_post(base, i) for i in range(args.registrations)], CLIENTS
            )
            measured = {"baseline": summary(results, seconds)}
            with ThreadPoolExecutor(8) as pool:
                people = list(
                    pool.map(
                        lambda i, url=form.url: Registrant(base, url, i),
                        range(n, n + args.registrations),
                    )
                )
            n += args.registrations
            results, seconds = timed_run([p.send for p in people], CLIENTS)
            measured["registration"] = summary(results, seconds)
            for label, m in measured.items():
                figures[label].append(m)
                print(
                    f"{number:5d} {label:12} {args.registrations:8d} {m['accepted']:8d} "
                    f"{m['errors']:4d} {m['p50']:8.1f} {m['p95']:8.1f} {m['per_second']:10.1f}"
                )
        print()
        medians = {
            label: {key: statistics.median(m[key] for m in rows) for key in rows[0]}
            for label, rows in figures.items()
        }
        for label, m in medians.items():
            print(
                f"median of {args.rounds} rounds, {label:12}: {m['per_second']:6.1f} per second, "
                f"p50 {m['p50']:.1f} ms, p95 {m['p95']:.1f} ms"
            )
        ratio = medians["baseline"]["per_second"] / medians["registration"]["per_second"]
        print(f"a registration costs {ratio:.1f}× the baseline at {CLIENTS} clients")
        oversold = 0
        for form, event in rounds:
            confirmed = Registration.objects.filter(
                event_key=event.translation_key, state="confirmed"
            ).count()
            waiting = Registration.objects.filter(
                event_key=event.translation_key, state="waiting"
            ).count()
            oversold += max(0, confirmed - places)
            print(f"{form.slug}: {places} places, {confirmed} confirmed, {waiting} waiting")
        print(f"places given beyond capacity: {oversold}")
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
