"""Where background tasks run: in the request, or queued in the database for a worker process."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_tasks import TaskBackendHandler
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend


def test_without_a_queue_tasks_run_in_the_request(settings_from, monkeypatch):
    monkeypatch.delenv("TASK_QUEUE", raising=False)
    base = settings_from()
    assert isinstance(TaskBackendHandler(base.TASKS)["default"], ImmediateBackend)
    # Installed all the same, so the queue's tables exist before anyone switches to it.
    assert "django_tasks_db" in base.INSTALLED_APPS


def test_the_database_queue_leaves_tasks_to_the_worker(settings_from):
    base = settings_from(TASK_QUEUE="database")
    assert isinstance(TaskBackendHandler(base.TASKS)["default"], DatabaseBackend)
    assert "django_tasks_db" in base.INSTALLED_APPS


@pytest.mark.parametrize("value", ["redis", "Database", ""])
def test_an_unknown_queue_stops_the_start_naming_the_choices(settings_from, value):
    with pytest.raises(ImproperlyConfigured, match="TASK_QUEUE must be immediate or database"):
        settings_from(TASK_QUEUE=value)
