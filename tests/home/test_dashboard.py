"""The dashboard shows each member of staff their drafts and the programmes about to close."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from home import roles
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db

EDITORS = roles.SECTIONS["programmes"].editors


@pytest.fixture
def today(monkeypatch):
    moment = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return datetime.date(2026, 11, 23)


def panel(response, name):
    return response.content.decode().split(f'data-testid="{name}"')[1].split("</table>")[0]


def test_an_editor_sees_their_own_drafts_only(client, staff, programmes):
    user = staff(client, EDITORS)
    mine = ProgrammePageFactory(parent=programmes, title="مسودتي", live=False)
    mine.save_revision(user=user)
    theirs = ProgrammePageFactory(parent=programmes, title="مسودة زميل", live=False)
    theirs.save_revision()
    drafts = panel(client.get(reverse("wagtailadmin_home")), "my_drafts")
    assert "مسودتي" in drafts
    assert "مسودة زميل" not in drafts


def test_programmes_closing_within_30_days_are_listed_soonest_first(
    client, staff, programmes, today
):
    ProgrammePageFactory(
        parent=programmes, title="يغلق بعد أسبوعين", closes=today + datetime.timedelta(days=14)
    )
    ProgrammePageFactory(
        parent=programmes, title="يغلق غدًا", closes=today + datetime.timedelta(days=1)
    )
    ProgrammePageFactory(
        parent=programmes, title="يغلق بعد شهرين", closes=today + datetime.timedelta(days=60)
    )
    ProgrammePageFactory(
        parent=programmes, title="أغلق أمس", closes=today - datetime.timedelta(days=1)
    )
    staff(client, EDITORS)
    closing = panel(client.get(reverse("wagtailadmin_home")), "closing_soon")
    assert closing.index("يغلق غدًا") < closing.index("يغلق بعد أسبوعين")
    assert "يغلق بعد شهرين" not in closing
    assert "أغلق أمس" not in closing


def test_the_dashboard_queries_do_not_grow_with_drafts(
    client, staff, programmes, django_assert_max_num_queries
):
    user = staff(client, EDITORS)
    for n in range(8):
        ProgrammePageFactory(parent=programmes, title=f"مسودة {n}", live=False).save_revision(
            user=user
        )
    with django_assert_max_num_queries(60):
        client.get(reverse("wagtailadmin_home"))
