"""Editors see an event's attendees, mark attendance and export them, when they may review its
registration form's submissions; nobody else does."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from applications.models import Registration
from home.roles import APPLICATION_REVIEWERS, SECTIONS
from tests.applications.conftest import answers, assign, not_found, token_of
from tests.factories import EventIndexPageFactory, EventPageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home, form_page, today):
    starts = timezone.now() + datetime.timedelta(days=3)
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="ورشة الحوكمة",
        registration_page=form_page,
        capacity=1,
        starts=starts,
        ends=starts + datetime.timedelta(hours=2),
    )


@pytest.fixture
def registered(client, form_page, event):
    for n, name in enumerate(['=HYPERLINK("x")', "رامي"]):
        token = token_of(client.get(form_page.url))
        client.post(
            form_page.url,
            {"form_token": token, **answers(full_name=name, email=f"p{n}@example.org")},
        )
    client.logout()
    return list(Registration.objects.order_by("pk"))


@pytest.fixture
def reviewer(roles, form_page):
    user = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    assign(form_page, user)
    return user


def attendees_url(event):
    return reverse("applications_attendees", args=[event.pk])


def test_a_reviewer_sees_the_attendees_and_marks_attendance(client, reviewer, event, registered):
    client.force_login(reviewer)
    index = client.get(reverse("applications_events"))
    assert "ورشة الحوكمة" in index.content.decode()
    page = client.get(attendees_url(event))
    rows = BeautifulSoup(page.content, "html.parser").select("[data-testid=attendees] tbody tr")
    assert len(rows) == 2
    assert "مؤكَّد" in rows[0].get_text() and "في قائمة الانتظار" in rows[1].get_text()
    confirmed, waiting = registered
    # Only people with a place can be marked; a box sent for another is ignored.
    client.post(attendees_url(event), {"attended": [str(confirmed.pk), str(waiting.pk)]})
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.attended is True and waiting.attended is None
    client.post(attendees_url(event), {})
    confirmed.refresh_from_db()
    assert confirmed.attended is False


def test_the_export_lists_everyone_with_their_state_and_no_formula(
    client, reviewer, event, registered
):
    client.force_login(reviewer)
    response = client.get(attendees_url(event) + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["الرقم المرجعي", "الاسم", "البريد الإلكتروني", "الحالة"]
    assert [row[3] for row in rows[1:]] == ["مؤكَّد", "في قائمة الانتظار"]
    assert rows[1][1] == '\'=HYPERLINK("x")'
    xlsx = client.get(attendees_url(event) + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(row=3, column=2).value == "رامي"


def test_editors_who_may_not_review_the_form_see_no_attendees(
    client, roles, event, registered, form_page
):
    editor = StaffUserFactory(groups=[SECTIONS["news"].editors])
    client.force_login(editor)
    assert not_found(client, client.get(attendees_url(event)))
    assert not_found(client, client.get(attendees_url(event) + "?export=csv"))
    assert client.get(reverse("applications_events")).status_code in (302, 403)
