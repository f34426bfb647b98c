"""Counts every computed indicator from the site's own data, as of today. Run nightly by cron
(README: scheduled jobs) and whenever an editor wants a fresh figure; running it twice a day
replaces that day's count."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from indicators.models import Indicator, compute


class Command(BaseCommand):
    help = "Count the computed indicators from the site's own data, as of today."

    def handle(self, *args, **options):
        today = timezone.localdate()
        # The values of every language live on the default language's indicator.
        indicators = Indicator.objects.filter(locale=Locale.get_default()).exclude(computation="")
        for indicator in indicators:
            with transaction.atomic():
                values = compute(indicator, today)
            total = sum(value for _category, value in values)
            self.stdout.write(f"{indicator.slug}: {len(values)} value(s), total {total}")
        self.stdout.write(f"{indicators.count()} computed indicator(s) counted for {today}.")
