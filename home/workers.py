"""The task worker's vital signs (TASK_QUEUE=database): each `db_worker` process records a
heartbeat, `/healthz/worker` reports when none has been seen lately, and the tasks of a worker
that stopped beating (killed, machine lost) are put back in the queue for another one.

django-tasks-db has no lease of its own: a task claimed by a worker that dies stays RUNNING. The
heartbeat is its lease: a running task whose worker has not been seen for
`WORKER_LEASE_SECONDS` is ready again. Tasks must therefore tolerate running twice; the emails'
do (home/outbox.py).
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .outbox import queue_due_emails

logger = logging.getLogger(__name__)

# Beats between two recoveries: with a beat every 15 seconds, a minute.
RECOVERY_EVERY = 4


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.worker_id} on {self.host}:{self.pid}"


def lease():
    return datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)


def beat(worker_id):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "seen_at": now,
        },
    )


def uses_worker():
    return isinstance(task_backends["default"], DatabaseBackend)


def worker_alive():
    """Whether any worker has been seen within the lease (two minutes)."""
    since = timezone.now() - lease()
    return WorkerHeartbeat.objects.filter(seen_at__gte=since).exists()


def requeue(tasks):
    """Put running tasks back in the queue, unless they finished meanwhile; returns how many."""
    count = 0
    for result in tasks:
        count += DBTaskResult.objects.filter(
            pk=result.pk, status="RUNNING", started_at=result.started_at
        ).update(status="READY")
    return count


def requeue_abandoned_tasks():
    """The running tasks of workers not seen within the lease go back to the queue."""
    now = timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - lease()).values_list(
            "worker_id", flat=True
        )
    )
    running = DBTaskResult.objects.running().filter(started_at__lte=now - lease())
    abandoned = [t for t in running if not t.worker_ids or t.worker_ids[-1] not in alive]
    # Workers gone for a day are forgotten.
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    count = requeue(abandoned)
    if count:
        logger.warning("%d tasks of workers no longer seen were queued again.", count)
    return count


def requeue_own_tasks(worker_id):
    """A worker that lost its database mid-task cannot record how the task ended: once it is
    back, the task runs again."""
    running = DBTaskResult.objects.running()
    return requeue([t for t in running if t.worker_ids and t.worker_ids[-1] == worker_id])


def recover():
    """What the cron command and every worker do each minute: queue again the tasks of dead
    workers and the emails still undelivered."""
    return requeue_abandoned_tasks(), queue_due_emails()


class Heartbeat(threading.Thread):
    """Beats every few seconds, and recovers every minute, whatever task the worker is running
    (on a connection of its own); a database outage only skips beats."""

    def __init__(self, worker_id):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        beats = 0
        while not self.stopped.is_set():
            try:
                beat(self.worker_id)
                if beats % RECOVERY_EVERY == 0:
                    recover()
            except DatabaseError as error:
                logger.warning("Worker heartbeat not recorded: %s", error)
            finally:
                connection.close()
            beats += 1
            self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)

    def stop(self):
        self.stopped.set()
