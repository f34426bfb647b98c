import datetime

import pytest
from django.utils import timezone

from tests.factories import ProgrammeIndexPageFactory

TODAY = datetime.date(2026, 11, 23)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def today(monkeypatch):
    """The site's date is TODAY (noon in Damascus) for the whole test."""
    moment = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return TODAY


@pytest.fixture
def index(home):
    return ProgrammeIndexPageFactory(parent=home)
