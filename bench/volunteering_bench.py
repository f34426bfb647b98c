"""The volunteering index as opportunities grow, and what a sign-up's lock on its places costs.

    .venv/bin/python bench/volunteering_bench.py [--sizes 12 120 600] [--repeat 30]

On its own database (SQLite var/bench-volunteering.sqlite3 unless DATABASE_URL is set), in one
process with Django's test client: for each number of live opportunities, the index's median and
p95 time and its SQL queries (filtered and not); then the median time of a sign-up (which takes
the opportunity's write lock and counts its places) beside a submission of an ordinary form, the
baseline, measured in the same run. Nothing here is asserted.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = (
    os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench-volunteering.sqlite3'}"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# The confirmations are counted in the outbox, not printed.
settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

from bs4 import BeautifulSoup  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Site  # noqa: E402

from applications.models import ApplicationFormPage  # noqa: E402
from volunteering.models import Skill, VolunteeringIndexPage, VolunteerOpportunityPage  # noqa: E402


def timed(client, url, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def grow(index, count, skills):
    have = VolunteerOpportunityPage.objects.child_of(index).count()
    for n in range(have, count):
        page = index.add_child(
            instance=VolunteerOpportunityPage(
                title=f"فرصة تطوعية رقم {n}",
                slug=f"bench-{n}",
                summary="مساعدة جمعية على التحول الرقمي.",
                remote=n % 3 == 0,
                hours_per_week=1 + n % 12,
                starts=datetime.date(2026, 1, 1),
                ends=datetime.date(2099, 12, 31),
                volunteers_wanted=5,
            )
        )
        page.skills = skills[n % len(skills) : n % len(skills) + 2]
        page.save_revision().publish()


def token(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.find("input", {"name": "form_token"})["value"]


def submit(client, url, data, repeat):
    times = []
    for n in range(repeat):
        fields = {name: value.format(n=n) for name, value in data.items()}
        fields["form_token"] = token(client, url)
        start = time.perf_counter()
        response = client.post(url, fields, REMOTE_ADDR=f"10.9.{n // 250}.{n % 250}")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 120, 600])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    if not home.get_children().exists():
        call_command("load_demo", stdout=StringIO())
    index = VolunteeringIndexPage.objects.get(locale__language_code="ar")
    skills = list(Skill.objects.filter(locale=index.locale))
    client = Client(HTTP_HOST="localhost")
    print(f"database: {connection.vendor}; medians and p95 over {args.repeat} requests, in ms")
    heading = ("opportunities", "index p50", "p95", "queries", "filtered p50", "queries")
    print("{:>13} {:>9} {:>7} {:>7} {:>12} {:>7}".format(*heading))
    for size in args.sizes:
        grow(index, size, skills)
        cache.clear()
        url = index.url
        filtered = url + "?skill=training&remote=no&commitment=medium"
        p50, p95 = timed(client, url, args.repeat)
        f50, _f95 = timed(client, filtered, args.repeat)
        print(
            f"{size:>13} {p50:>9.1f} {p95:>7.1f} {queries(client, url):>7} "
            f"{f50:>12.1f} {queries(client, filtered):>7}"
        )

    # Sign-ups beside the baseline, an ordinary form's submissions, in the same run.
    opportunity = VolunteerOpportunityPage.objects.child_of(index).live().first()
    opportunity.volunteers_wanted = 500
    opportunity.save_revision().publish()
    form = ApplicationFormPage.objects.filter(slug="complaints", locale=index.locale).first()
    form_fields = {f.clean_name: f for f in form.get_form_fields()}
    baseline = dict.fromkeys(form_fields, "نص")
    for name, field in form_fields.items():
        if field.field_type == "email":
            baseline[name] = "form{n}@example.org"
        elif field.field_type == "consent":
            baseline[name] = "on"
        elif field.field_type in ("dropdown", "radio", "region"):
            baseline[name] = (field.choices.split(",")[0] if field.choices else "دمشق").strip()
        elif field.field_type == "file":
            baseline.pop(name)
    sign_up = {"full_name": "متطوع {n}", "email": "v{n}@example.org", "consent": "on"}
    repeat = min(args.repeat, 100)
    signing_up = submit(client, opportunity.url, sign_up, repeat)
    submitting = submit(client, form.url, baseline, repeat)
    print(f"sign-up p50 {signing_up:.1f} ms; an ordinary form (baseline) p50 {submitting:.1f} ms")


if __name__ == "__main__":
    main()
