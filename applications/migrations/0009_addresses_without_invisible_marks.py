"""Addresses stored with the invisible marks a copy from Arabic text carries (a right-to-left mark
after them, a zero-width joiner inside): no email to them could be sent. They are stored plain,
and their unsent emails are due again, for `send_pending_emails` to deliver."""

import unicodedata

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

# The invisible characters a copy may carry (each of Unicode's category Cf).
MARKS = (
    "\u061c\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


def plain(text):
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def carrying_marks(field):
    condition = Q()
    for mark in MARKS:
        condition |= Q(**{f"{field}__contains": mark})
    return condition


def store_plain(apps, schema_editor):
    for model in (
        apps.get_model("applications", "Submission"),
        apps.get_model("applications", "Draft"),
    ):
        for row in model.objects.filter(carrying_marks("email")):
            model.objects.filter(pk=row.pk).update(email=plain(row.email))
    OutgoingEmail = apps.get_model("home", "OutgoingEmail")
    unsent = OutgoingEmail.objects.filter(carrying_marks("recipient")).exclude(state="sent")
    for email in unsent:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            recipient=plain(email.recipient),
            state="pending",
            attempts=0,
            last_error="",
            due_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_registrations_and_drafts"),
        ("home", "0011_emails_written_elsewhere"),
    ]

    operations = [migrations.RunPython(store_plain, migrations.RunPython.noop)]
