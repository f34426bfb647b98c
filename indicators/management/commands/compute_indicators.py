"""Counts every computed indicator from the site's own data, as of today. Run nightly by cron
(README: scheduled jobs); editors count again from the indicators' admin listing. Running it twice
a day replaces that day's count."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from indicators.models import compute_all


class Command(BaseCommand):
    help = "Count the computed indicators from the site's own data, as of today."

    def handle(self, *args, **options):
        today = timezone.localdate()
        counted = compute_all(today)
        for indicator, values in counted:
            total = sum(value for _category, value in values)
            self.stdout.write(f"{indicator.slug}: {len(values)} value(s), total {total}")
        self.stdout.write(f"{len(counted)} computed indicator(s) counted for {today}.")
