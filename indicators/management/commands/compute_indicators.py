"""Counts every computed indicator from the site's own data, as of today. Run nightly by cron
(README: scheduled jobs); editors count again from the indicators' admin listing. Running it twice
a day replaces that day's count.

`--since DAY` first counts the series as they stood at the end of that day and of every
`--every` days after it (7 by default): the history of figures the site already has the records
of, for a site or an indicator added after the work began.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.models import compute_all, compute_history


class Command(BaseCommand):
    help = "Count the computed indicators from the site's own data, as of today."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", help="Also count the series' history from this day (YYYY-MM-DD)."
        )
        parser.add_argument("--every", type=int, default=7, help="Days between two past counts.")

    def handle(self, *args, since=None, every=7, **options):
        today = timezone.localdate()
        if since:
            try:
                first = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError(
                    f"--since takes a day written YYYY-MM-DD, not {since!r}."
                ) from None
            if every < 1:
                raise CommandError("--every takes a number of days, 1 or more.")
            for indicator, days in compute_history(first, every, today):
                self.stdout.write(f"{indicator.slug}: {len(days)} past day(s) counted")
        counted = compute_all(today)
        for indicator, values in counted:
            total = sum(value for _category, value in values)
            self.stdout.write(f"{indicator.slug}: {len(values)} value(s), total {total}")
        self.stdout.write(f"{len(counted)} computed indicator(s) counted for {today}.")
