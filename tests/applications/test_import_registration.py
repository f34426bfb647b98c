"""`import_content` takes an event's registration settings: its form, places, deadline and
waiting list; a second run changes nothing, and a wrong value is refused with the item named."""

import datetime

import pytest
from django.core.management import CommandError

from news.models import EventPage
from tests.importing import import_file

pytestmark = pytest.mark.django_db

FORM = {
    "type": "form",
    "locale": "ar",
    "slug": "workshop-registration",
    "title": "التسجيل في الورشة",
    "fields": [
        {"name": "full_name", "label": "الاسم", "type": "singleline"},
        {"name": "email", "label": "البريد الإلكتروني", "type": "email"},
    ],
}
EVENT = {
    "type": "event",
    "locale": "ar",
    "slug": "workshop",
    "title": "ورشة الأمن الرقمي",
    "starts": "2030-02-10T10:00:00+03:00",
    "ends": "2030-02-10T14:00:00+03:00",
    "location": "دمشق",
    "registration": {
        "form": "workshop-registration",
        "seats": 30,
        "deadline": "2030-02-08T23:59:00+03:00",
        "waiting_list": False,
    },
}


def test_an_event_takes_its_registration_settings_and_a_second_run_changes_nothing(tmp_path, home):
    import_file(tmp_path, [FORM, EVENT])
    event = EventPage.objects.get()
    assert event.capacity == 30
    assert event.waiting_list is False
    assert event.registration_deadline == datetime.datetime(2030, 2, 8, 20, 59, tzinfo=datetime.UTC)
    assert event.registration_page.slug == "workshop-registration"
    assert event.registration_page.specific.event == event
    revisions = event.revisions.count()
    import_file(tmp_path, [FORM, EVENT])
    assert EventPage.objects.get().revisions.count() == revisions


@pytest.mark.parametrize(
    ("registration", "message"),
    [
        ({"form": "missing-form"}, "no form page 'missing-form'"),
        ({"form": "workshop-registration", "seats": 0}, "'registration': 'seats' must be a whole"),
        (
            {"form": "workshop-registration", "seats": 2**40},
            "'seats' must be a whole number from 1",
        ),
        ({"form": "workshop-registration", "waiting_list": "yes"}, "'waiting_list' must be"),
        (
            {"form": "workshop-registration", "deadline": "2030-02-11T10:00:00+03:00"},
            "deadline is after the event starts",
        ),
        ({"form": "workshop-registration", "places": 3}, "unknown keys: places"),
    ],
)
def test_wrong_registration_settings_are_refused(tmp_path, home, registration, message):
    with pytest.raises(CommandError, match=message):
        import_file(tmp_path, [FORM, {**EVENT, "registration": registration}])
    assert not EventPage.objects.exists()
