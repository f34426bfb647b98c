from django.core.management.base import BaseCommand

from applications.drafts import purge_expired


class Command(BaseCommand):
    help = "Delete saved drafts (and their files) whose link has expired. Run it daily."

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"{count} expired drafts deleted.")
