import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.factories import EventIndexPageFactory, NewsIndexPageFactory


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def schedule():
    """Add a draft page to `parent` and schedule it to go live `when` (Wagtail's go-live date)."""

    def make(parent, page, when=None):
        page.live = False
        parent.add_child(instance=page)
        page.go_live_at = when or timezone.now() + datetime.timedelta(days=1)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        return page

    return make
