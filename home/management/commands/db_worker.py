"""`manage.py db_worker`: django-tasks-db's worker, made to outlive the database.

The library's worker exits on the first lost connection (a PostgreSQL restart stops every email
until someone restarts it) and leaves the task it was running as RUNNING for ever when it dies.
This one waits for the database with a growing pause and carries on, puts back in the queue the
task a lost connection interrupted, and beats a heartbeat (home/workers.py) by which
`/healthz/worker` sees it and by which the tasks of a worker that died are queued again. Same
options as the library's command, which this one replaces (`home` comes before `django_tasks_db`
in INSTALLED_APPS).
"""

import logging
import os
from time import monotonic, sleep

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from home.workers import Heartbeat, beat, requeue_own_tasks

logger = logging.getLogger("django_tasks_db")

LOST_CONNECTION = {"django.db.utils.OperationalError", "django.db.utils.InterfaceError"}
# A task whose database went away this many times is left failed: it is the task, not the outage.
MAX_RUNS_AFTER_LOST_CONNECTION = 5
LONGEST_PAUSE = 30
# A worker that ran this long before losing the database starts again with a short pause.
STEADY_SECONDS = 60


def close_connections():
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None


class ResilientWorker(db_worker.Worker):
    def run(self):
        heartbeat = None if self.batch else Heartbeat(self.worker_id)
        if heartbeat:
            heartbeat.start()
        pause = 1
        try:
            while True:
                started = monotonic()
                try:
                    beat(self.worker_id)
                    requeue_own_tasks(self.worker_id)
                    return super().run()
                except (OperationalError, InterfaceError) as error:
                    if monotonic() - started > STEADY_SECONDS:
                        pause = 1
                    logger.warning("Database unavailable (%s); trying again in %d s.", error, pause)
                    close_connections()
                    sleep(pause)
                    pause = min(pause * 2, LONGEST_PAUSE)
        finally:
            if heartbeat:
                heartbeat.stop()

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if (
            db_task_result.status == "FAILED"
            and db_task_result.exception_class_path in LOST_CONNECTION
            and len(db_task_result.worker_ids) < MAX_RUNS_AFTER_LOST_CONNECTION
        ):
            DBTaskResult.objects.filter(pk=db_task_result.pk, status="FAILED").update(
                status="READY", finished_at=None
            )


class Command(db_worker.Command):
    help = "Run the queued background tasks; survives database restarts."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            # Only the reloader's child runs tasks and takes the stop signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
