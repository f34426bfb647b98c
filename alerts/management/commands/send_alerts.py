from django.core.management.base import BaseCommand

from alerts import sending, subscribing


class Command(BaseCommand):
    help = (
        "Record the alerts' emails due today (programmes opening today, yesterday's news in "
        "subscribed categories, yesterday's new events) and delete alerts unconfirmed after 7 "
        "days. Safe to run again: each email is recorded once. Run it every hour."
    )

    def handle(self, *args, **options):
        purged = subscribing.purge_unconfirmed()
        opened = sending.opening_emails()
        digests = sending.digest_emails()
        events = sending.event_emails()
        self.stdout.write(
            f"{opened} opening emails, {digests} digests and {events} event emails queued; "
            f"{purged} unconfirmed alerts deleted."
        )
