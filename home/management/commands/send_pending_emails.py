from django.core.management.base import BaseCommand

from home.workers import recover


class Command(BaseCommand):
    help = (
        "Queue again every email not delivered yet (pending for over a minute, failed once its "
        "pause has passed, interrupted while being sent) and the tasks of workers that died. "
        "Run it every few minutes."
    )

    def handle(self, *args, **options):
        tasks, emails = recover()
        self.stdout.write(f"{emails} emails and {tasks} interrupted tasks queued again.")
