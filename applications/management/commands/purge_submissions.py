from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from applications.models import Submission


class Command(BaseCommand):
    help = (
        "Delete submissions (and their files) older than the retention period "
        "(APPLICATIONS_RETENTION_DAYS). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the setting.")
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.APPLICATIONS_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        old = Submission.objects.filter(submit_time__lt=cutoff)
        count = old.count()
        if not dry_run:
            # One by one, so that each submission's files are deleted with it.
            for submission in old.iterator():
                submission.delete()
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{count} submissions older than {days} days {verb}.")
