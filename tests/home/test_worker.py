"""The task worker (TASK_QUEUE=database) outlives the database, is watched by /healthz/worker,
and the task a dead worker was running goes back to the queue."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from home.management.commands.db_worker import ResilientWorker
from home.workers import WorkerHeartbeat, beat

pytestmark = pytest.mark.django_db


def seen(worker_id, minutes_ago):
    beat(worker_id)
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


def running_task(worker_id, minutes_ago=5):
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [[1]], "kwargs": {}},
        task_path="home.outbox.deliver_emails",
        backend_name="default",
        run_after=datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC),
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[worker_id],
    )


def worker(worker_id="w1"):
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


class TestHealth:
    def test_without_a_worker_to_wait_for_it_is_ok(self, client):
        assert client.get("/healthz/worker").status_code == 200

    def test_no_worker_ever_seen_is_503(self, client, database_queue):
        response = client.get("/healthz/worker")
        assert response.status_code == 503
        assert response["Cache-Control"].startswith("max-age=0")

    def test_a_worker_seen_a_minute_ago_is_ok(self, client, database_queue):
        seen("w1", minutes_ago=1)
        assert client.get("/healthz/worker").content == b"ok"

    def test_a_worker_not_seen_for_two_minutes_is_503(self, client, database_queue):
        seen("w1", minutes_ago=3)
        assert client.get("/healthz/worker").status_code == 503


class TestReconnect:
    @pytest.fixture(autouse=True)
    def closed(self, monkeypatch):
        """The broken connections the worker drops (the test's own stays open)."""
        closed = []
        monkeypatch.setattr(
            "home.management.commands.db_worker.close_connections", lambda: closed.append(1)
        )
        return closed

    def test_the_worker_waits_for_the_database_with_a_growing_pause(self, monkeypatch, closed):
        outcomes = [OperationalError("the connection is closed")] * 3 + [None]
        pauses = []

        def library_run(self):
            outcome = outcomes.pop(0)
            if outcome:
                raise outcome

        monkeypatch.setattr(Worker, "run", library_run)
        monkeypatch.setattr("home.management.commands.db_worker.sleep", pauses.append)
        worker().run()
        assert outcomes == []
        assert pauses == [1, 2, 4]
        assert len(closed) == 3

    def test_after_an_hour_of_work_the_pause_starts_short_again(self, monkeypatch):
        pauses = []
        clock = [0]
        beats = [OperationalError("down"), OperationalError("down"), None, None]

        def flaky_beat(worker_id):
            outcome = beats.pop(0)
            if outcome:
                raise outcome

        runs = ["an hour of work, then the database restarts", None]

        def library_run(self):
            if runs.pop(0):
                clock[0] += 3600
                raise OperationalError("server closed the connection unexpectedly")

        monkeypatch.setattr("home.management.commands.db_worker.beat", flaky_beat)
        monkeypatch.setattr("home.management.commands.db_worker.monotonic", lambda: clock[0])
        monkeypatch.setattr(Worker, "run", library_run)
        monkeypatch.setattr("home.management.commands.db_worker.sleep", pauses.append)
        worker().run()
        assert pauses == [1, 2, 1]

    def test_the_task_a_lost_connection_interrupted_runs_again(self, monkeypatch):
        task = running_task("w1", minutes_ago=0)
        monkeypatch.setattr(Worker, "run", lambda self: None)
        worker("w1").run()
        task.refresh_from_db()
        assert task.status == "READY"


class TestAbandonedTasks:
    def test_the_task_of_a_worker_gone_for_two_minutes_is_queued_again(self):
        seen("dead", minutes_ago=3)
        abandoned = running_task("dead")
        call_command("send_pending_emails", stdout=StringIO())
        abandoned.refresh_from_db()
        assert abandoned.status == "READY"

    def test_the_task_of_a_live_worker_keeps_running(self):
        seen("alive", minutes_ago=0)
        busy = running_task("alive", minutes_ago=30)
        call_command("send_pending_emails", stdout=StringIO())
        busy.refresh_from_db()
        assert busy.status == "RUNNING"
