from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q

from applications.models import Submission
from applications.tasks import send_submission_emails


class Command(BaseCommand):
    help = "Queue again the emails of submissions whose sending failed. Run it every few minutes."

    def handle(self, *args, **options):
        pending = Submission.objects.exclude(email_error="").filter(
            email_attempts__lt=settings.APPLICATIONS_EMAIL_MAX_ATTEMPTS
        )
        pending = pending.filter(
            Q(confirmation_sent_at__isnull=True) | Q(notification_sent_at__isnull=True)
        )
        count = 0
        for pk in pending.values_list("pk", flat=True):
            send_submission_emails.enqueue(pk)
            count += 1
        self.stdout.write(f"{count} submissions queued for sending again.")
