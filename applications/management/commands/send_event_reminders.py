from django.core.management.base import BaseCommand

from applications.registrations import send_reminders


class Command(BaseCommand):
    help = (
        "Remind everyone with a place at an event that starts tomorrow (in the site's time "
        "zone). Run it daily; running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reminders queued.")
