import datetime
import re
from types import SimpleNamespace

import pytest
from django.core import mail, signing
from django.utils import timezone

from tests.factories import ProgrammeIndexPageFactory

# Noon in Damascus on 23 November 2026.
NOON = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


class Clock:
    """The site's clock, moved by the test: timezone.now() answers `moment`."""

    def __init__(self, monkeypatch):
        self.moment = NOON
        monkeypatch.setattr(timezone, "now", lambda: self.moment)
        # Signed links date themselves by the same clock.
        monkeypatch.setattr(signing, "time", SimpleNamespace(time=self.moment_timestamp))

    def moment_timestamp(self):
        return self.moment.timestamp()

    @property
    def today(self):
        return timezone.localdate(self.moment)

    def move(self, **delta):
        self.moment += datetime.timedelta(**delta)

    def set_day(self, day):
        self.moment = datetime.datetime.combine(day, datetime.time(6, 0), tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def index(home):
    return ProgrammeIndexPageFactory(parent=home)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what the request or command records, with its emails delivered (TASK_QUEUE
    immediate); returns the emails sent meanwhile."""

    class Sent:
        def __call__(self, action, *args, **kwargs):
            before = len(mail.outbox)
            with django_capture_on_commit_callbacks(execute=True):
                self.result = action(*args, **kwargs)
            return mail.outbox[before:]

    return Sent()


def link(message, name):
    """The first address of this kind (confirm, unsubscribe, manage) in an email's text."""
    found = re.search(rf"https?://\S+/alerts/{name}/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])
