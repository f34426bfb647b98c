"""Every email the site sends, kept as a row of its own before it goes to the mail server.

A feature records its emails in the same transaction as what causes them (a submission, a status
change, an alert) and registers, in its `AppConfig.ready()`, how to write one from its row. After
the commit a task delivers each row: it claims the row (pending → sending, with a lease), hands
the message to the mail server, and records it as sent. A task's emails (a submission's two) go
through one connection to the mail server. A row is claimed by one process at a
time and never once it is sent, so no retry sends a delivered email again; `send_pending_emails`
(cron) queues again whatever is still undelivered: pending for over a minute, failed once its
backoff has passed, sending past its lease (its sender died).

Emails written elsewhere (Wagtail's moderation notifications, password resets) come through
`OutboxBackend`, the site's EMAIL_BACKEND: each becomes a row of its own, whose message is kept
until it is sent and then forgotten (a password reset link must not outlive its delivery in the
database). Rows are handed to the mail server through EMAIL_DELIVERY_BACKEND, the one EMAIL_URL
configures.

One window stays open, as in any mail queue: the mail server's acceptance and the commit of
"sent" cannot be one transaction. If the sender dies between the two (or the database stays down
longer than the lease), the row's lease expires and the email is sent a second time. Every email
carries a Message-ID derived from its idempotency key, the same on each attempt, so mail servers
and clients that deduplicate by Message-ID show it once.
"""

import datetime
import hashlib
import logging
import time
import uuid
from email.utils import parseaddr

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import InterfaceError, OperationalError, connection, models, router
from django.db.models import F, Q
from django.db.transaction import on_commit
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# How to write each kind of email from its row: {purpose: render(email) -> EmailMessage}.
RENDERERS = {}
# An email written whole elsewhere (OutboxBackend), kept in its row's context until sent.
WRITTEN = "written"


def register(purpose, render):
    """`render(email)` returns the message (subject, body, sender) for `email.recipient`."""
    RENDERERS[purpose] = render


class State(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One email to one recipient, for one purpose, about one object (none for an email written
    whole elsewhere)."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=64)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    recipient = models.EmailField(_("recipient"), max_length=254)
    # What the message needs beyond its object, fixed when the email was recorded.
    context = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # When `send_pending_emails` may queue it again (none once sent or given up).
    due_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["state", "due_at"]),
        ]

    def __str__(self):
        return f"{self.purpose} → {self.recipient} ({self.state})"

    @property
    def message_id(self):
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        # 128 bits of the key: unique enough, and short enough not to be folded.
        return f"<{self.key[:32]}@{domain}>"

    @property
    def gave_up(self):
        return self.state == State.FAILED and self.due_at is None


def idempotency_key(purpose, content_type_id, object_id, occasion, recipient):
    """The same for the same purpose, object, occasion (e.g. one status change) and recipient,
    so that such an email can be recorded only once."""
    identity = f"{purpose}|{content_type_id}|{object_id}|{occasion}|{recipient.lower()}"
    return hashlib.sha256(identity.encode()).hexdigest()


def outgoing(purpose, about, recipient, *, occasion="", **context):
    """An unsaved email."""
    content_type = ContentType.objects.get_for_model(about)
    recipient = recipient.strip()
    return OutgoingEmail(
        key=idempotency_key(purpose, content_type.pk, about.pk, occasion, recipient),
        purpose=purpose,
        content_type=content_type,
        object_id=about.pk,
        recipient=recipient,
        context=context,
    )


def record(emails):
    """Store the emails with whatever causes them (call inside its transaction); they are
    delivered once it commits. With TASK_QUEUE=immediate they are sent just after the commit,
    and a crash in between leaves them pending, for the cron command."""
    if not emails:
        return []
    now = timezone.now()
    for email in emails:
        email.created_at = now
        email.due_at = now + datetime.timedelta(seconds=settings.OUTBOX_PENDING_GRACE_SECONDS)
    OutgoingEmail.objects.bulk_create(emails)
    ids = [email.pk for email in emails]
    if queued_in_this_database():
        # The task's row commits with the emails' (one commit, not two); no worker sees either
        # before then.
        deliver_emails.enqueue(ids)
    else:
        on_commit(lambda: deliver_emails.enqueue(ids))
    return emails


def queued_in_this_database():
    backend = deliver_emails.get_backend()
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == "default"


def claimable(now):
    unfinished = Q(state__in=[State.PENDING, State.FAILED]) | Q(
        state=State.SENDING, due_at__lte=now
    )
    return unfinished & Q(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)


def claim(pk, known=None):
    """The email, now ours to send for the length of the lease; None when it is sent, given
    up, or being sent by another process. One UPDATE both checks and claims: of two processes
    claiming at once, the second waits for the first's row and then finds it taken. `known` is
    the row as read before (with the other emails of a task): when nobody has attempted it
    since, the claim says so and it need not be read again."""
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimable_row = OutgoingEmail.objects.filter(claimable(now), pk=pk)
    taken = {"state": State.SENDING, "attempts": F("attempts") + 1, "due_at": lease}
    if known is not None:
        if known.state == State.SENT:
            return None
        if claimable_row.filter(attempts=known.attempts).update(**taken):
            known.state, known.attempts, known.due_at = State.SENDING, known.attempts + 1, lease
            return known
    return OutgoingEmail.objects.get(pk=pk) if claimable_row.update(**taken) else None


def backoff(attempts):
    """Minutes to wait after a failed attempt: 1, 2, 4… up to an hour."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 60))


def persist(update):
    """Run `update` (one query) until the database takes it, for up to half the lease: a
    database restart between the mail server's acceptance and this write must not leave a
    delivered email looking unsent."""
    deadline = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    pause = 0.5
    while True:
        try:
            return update()
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block or time.monotonic() + pause > deadline:
                raise
            logger.warning("Database unavailable; recording an email's state again shortly.")
            connection.close()
            time.sleep(pause)
            pause = min(pause * 2, 8)


def forgotten(email):
    """What to clear once an email is sent or given up: the whole text of a written one."""
    return {"context": {}} if email.purpose == WRITTEN else {}


class Delivery:
    """The sending of a task's emails: read together, the objects they are about read once, and
    handed to the mail server through one connection (opened by the first, and again after a
    failure)."""

    def __init__(self, ids):
        self.known = OutgoingEmail.objects.in_bulk(ids)
        self.objects = {}
        self.connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.hang_up()

    def hang_up(self):
        if self.connection is None:
            return
        try:
            self.connection.close()
        except Exception as error:  # a connection already broken
            logger.info("Closing the mail connection: %r", error)
        self.connection = None

    def deliver(self, pk):
        """Send one email unless it is sent or taken; True when this call sent it, False when it
        failed, None when there was nothing to do."""
        email = claim(pk, self.known.get(pk))
        if email is None:
            return None
        if email.content_type_id:
            about = (email.content_type_id, email.object_id)
            if about in self.objects:
                email.about = self.objects[about]
            else:
                self.objects[about] = email.about
        try:
            message = RENDERERS[email.purpose](email)
            message.to = [email.recipient]
            message.extra_headers["Message-ID"] = email.message_id
            if self.connection is None:
                # Here, so that a mail server that cannot be reached fails the email, on its row.
                self.connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
                self.connection.open()
            message.connection = self.connection
            message.send()
        except Exception as error:
            self.hang_up()
            last_error = repr(error)[:1000]
            due = timezone.now() + backoff(email.attempts)
            forget = {}
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                due = None
                forget = forgotten(email)
            persist(
                lambda: OutgoingEmail.objects.filter(pk=pk, state=State.SENDING).update(
                    state=State.FAILED, last_error=last_error, due_at=due, **forget
                )
            )
            logger.warning("Email %s (%s) not sent: %r", pk, email.purpose, error)
            return False
        forget = forgotten(email)
        persist(
            lambda: OutgoingEmail.objects.filter(pk=pk).update(
                state=State.SENT, sent_at=timezone.now(), due_at=None, last_error="", **forget
            )
        )
        return True


class EmailsNotSent(Exception):
    pass


@task()
def deliver_emails(ids):
    """Deliver the emails one by one; a failure is recorded on its row (and retried by
    `send_pending_emails`) and marks the task failed once the others are sent."""
    with Delivery(ids) as delivery:
        failed = [pk for pk in ids if delivery.deliver(pk) is False]
    if failed:
        raise EmailsNotSent(f"emails {failed} not sent; they will be retried")


def queue_due_emails(batch=50):
    """Queue again every undelivered email whose time has come; returns how many. Each is put
    off by a lease, so that a long queue is not queued twice before the worker reaches it."""
    now = timezone.now()
    due = OutgoingEmail.objects.filter(
        state__in=[State.PENDING, State.FAILED, State.SENDING],
        due_at__lte=now,
        attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
    )
    ids = list(due.order_by("due_at").values_list("pk", flat=True)[:10_000])
    later = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    # A row being sent keeps its lease: claiming it depends on the lease having expired.
    OutgoingEmail.objects.filter(pk__in=ids).exclude(state=State.SENDING).update(due_at=later)
    # Interrupted on its last attempt: nobody will send it now.
    interrupted = OutgoingEmail.objects.filter(
        state=State.SENDING, due_at__lte=now, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS
    )
    interrupted.filter(purpose=WRITTEN).update(context={})
    interrupted.update(
        state=State.FAILED, due_at=None, last_error="interrupted on its last attempt"
    )
    for start in range(0, len(ids), batch):
        deliver_emails.enqueue(ids[start : start + batch])
    return len(ids)


def written(email):
    """The message an `OutboxBackend` row keeps."""
    message = EmailMultiAlternatives(
        subject=email.context["subject"],
        body=email.context["body"],
        from_email=email.context["from_email"],
        reply_to=email.context["reply_to"],
    )
    for content, mimetype in email.context["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


register(WRITTEN, written)


class OutboxBackend(BaseEmailBackend):
    """The site's EMAIL_BACKEND: a message sent with Django's mail functions (by Wagtail, by
    Django's password reset) becomes one outbox row per recipient, delivered as the site's own
    emails are. Nothing that sends through it attaches files; one that did is refused rather than
    sent without them."""

    def send_messages(self, email_messages):
        emails = []
        for message in email_messages:
            if message.attachments:
                raise ValueError("The outbox keeps no attachments.")
            context = {
                "subject": str(message.subject),
                "body": str(message.body),
                "from_email": message.from_email,
                "reply_to": list(message.reply_to),
                "alternatives": [
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
            }
            for recipient in message.recipients():
                # Written anew each time, so never the same email twice.
                key = idempotency_key(WRITTEN, "", "", uuid.uuid4().hex, recipient)
                emails.append(
                    OutgoingEmail(key=key, purpose=WRITTEN, recipient=recipient, context=context)
                )
        record(emails)
        return len(email_messages)
