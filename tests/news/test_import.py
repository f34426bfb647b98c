import datetime

import pytest
from django.core.management import CommandError
from wagtail.models import Page

from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from tests.importing import import_file

pytestmark = pytest.mark.django_db


NEWS = {
    "type": "news",
    "locale": "ar",
    "slug": "launch",
    "title": "إطلاق البرنامج",
    "summary": "ملخص",
    "body": ["فقرة"],
    "date": "2025-06-01",
    "tags": ["تحول رقمي", "جمعيات"],
    "category": "البرنامج",
    "kind": "press_release",
}
EVENT = {
    "type": "event",
    "locale": "ar",
    "slug": "workshop",
    "title": "ورشة الأمن الرقمي",
    "starts": "2030-02-10T10:00:00+03:00",
    "ends": "2030-02-10T14:00:00+03:00",
    "location": "دمشق",
}


def test_news_go_under_a_news_index_made_in_the_menu_with_a_translated_title(
    tmp_path, home, english_home
):
    import_file(
        tmp_path,
        [
            NEWS,
            {
                **NEWS,
                "locale": "en",
                "title": "Launch",
                "tags": ["digital"],
                "category": "Programme",
            },
        ],
    )
    page = NewsPage.objects.get(locale__language_code="ar")
    index = page.get_parent().specific
    assert isinstance(index, NewsIndexPage)
    assert index.get_parent().pk == home.pk and index.show_in_menus
    assert index.title == "الأخبار"
    assert page.date == datetime.date(2025, 6, 1)
    assert page.kind == "press_release"
    assert page.tag_names == ["تحول رقمي", "جمعيات"]
    assert page.category.name == "البرنامج" and page.category.locale.language_code == "ar"
    english = NewsPage.objects.get(locale__language_code="en")
    assert english.translation_key == page.translation_key
    assert english.tag_names == ["digital"] and english.category.name == "Programme"
    assert english.url == "/en/news/launch/"


def test_importing_news_and_events_twice_changes_nothing(tmp_path, home):
    import_file(tmp_path, [NEWS, EVENT])
    count = Page.objects.count()
    assert "0 created, 0 updated, 2 unchanged" in import_file(tmp_path, [NEWS, EVENT])
    assert Page.objects.count() == count


def test_events_are_imported_with_their_times_and_attendance(tmp_path, home):
    import_file(
        tmp_path,
        [
            EVENT,
            {**EVENT, "slug": "online", "location": "", "online_url": "https://meet.example/x"},
        ],
    )
    event = EventPage.objects.get(slug="workshop")
    assert isinstance(event.get_parent().specific, EventIndexPage)
    assert event.starts == datetime.datetime(2030, 2, 10, 7, 0, tzinfo=datetime.UTC)
    assert event.attendance == "in_person" and event.place == "دمشق"
    assert event.time_zone == "Asia/Damascus"
    assert EventPage.objects.get(slug="online").attendance == "online"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({**NEWS, "slug": "other", "date": "01/06/2025"}, "'date' must be a date as YYYY-MM-DD"),
        ({**NEWS, "slug": "other", "kind": "rumour"}, "'kind' must be one of"),
        ({**NEWS, "slug": "other", "tags": "one"}, "'tags' must be a list of non-empty strings"),
        ({**EVENT, "ends": "2030-02-10T09:00:00+03:00"}, "the event ends before it starts"),
        ({**EVENT, "starts": "2030-02-10T10:00:00"}, "'starts' needs a UTC offset"),
        ({**EVENT, "starts": "tomorrow"}, "'starts' must be a date and time in ISO 8601"),
        ({**EVENT, "location": ""}, "an event needs a 'location', an 'online_url', or both"),
        ({**EVENT, "online_url": "javascript:alert(1)"}, "'online_url' is not a web address"),
        ({**EVENT, "capacity": -1}, "'capacity' must be a whole number from 1 to 2,147,483,647"),
        # Larger than the database keeps: refused with the others, not failing as it is written.
        (
            {**EVENT, "capacity": 10**12},
            "'capacity' must be a whole number from 1 to 2,147,483,647",
        ),
    ],
)
def test_bad_items_are_refused_with_a_reason_and_nothing_is_written(tmp_path, home, item, message):
    count = Page.objects.count()
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, [NEWS, item])
    assert "item 2" in str(error.value) and message in str(error.value)
    assert Page.objects.count() == count
