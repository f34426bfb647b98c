import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from news.models import EventPage
from tests.factories import EventPageFactory
from tests.news.helpers import parse_ics, unescape_ics

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".event-item__title a")]


def in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def events(event_index):
    EventPageFactory(parent=event_index, title="بعد شهر", starts=in_days(30), slug="later")
    EventPageFactory(parent=event_index, title="بعد أسبوع", starts=in_days(7), slug="soon")
    EventPageFactory(parent=event_index, title="قبل شهر", starts=in_days(-30), slug="old")
    EventPageFactory(parent=event_index, title="قبل سنة", starts=in_days(-365), slug="older")
    return event_index


def test_upcoming_soonest_first_and_past_latest_first(client, events):
    assert titles(client.get("/ar/events/")) == ["بعد أسبوع", "بعد شهر"]
    assert titles(client.get("/ar/events/past/")) == ["قبل شهر", "قبل سنة"]
    assert titles(client.get("/ar/events/past/?page=50")) == ["قبل شهر", "قبل سنة"]


def test_an_event_ending_before_it_starts_is_refused(event_index):
    event = EventPage(
        title="خطأ", slug="wrong", place="دمشق", starts=in_days(3, 12), ends=in_days(3, 10)
    )
    with pytest.raises(ValidationError) as error:
        event_index.add_child(instance=event)
    assert "ends" in error.value.message_dict
    assert not EventPage.objects.filter(slug="wrong").exists()


def test_an_online_event_needs_its_link_and_an_in_person_one_its_place(event_index):
    event = EventPage(
        title="لقاء",
        slug="online",
        attendance=EventPage.Attendance.ONLINE,
        starts=in_days(3),
        ends=in_days(3, 12),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "online_url" in error.value.message_dict
    event.attendance = EventPage.Attendance.IN_PERSON
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "place" in error.value.message_dict


def event_form(**changes):
    """The admin's form of a new event, as an editor publishes it."""
    return {
        "title": "ورشة",
        "slug": "workshop",
        "summary": "",
        "kind": "workshop",
        "starts": "2030-05-01 12:00",
        "ends": "2030-05-01 14:00",
        "time_zone": "Asia/Damascus",
        "attendance": "in_person",
        "place": "دمشق",
        "region": "",
        "online_url": "",
        "capacity": "",
        "image_alt": "",
        "body-count": "0",
        "action-publish": "publish",
        **changes,
    }


def test_admin_refuses_an_event_that_ends_before_it_starts(admin_client, event_index):
    response = admin_client.post(
        f"/admin/pages/add/news/eventpage/{event_index.pk}/", event_form(ends="2030-05-01 10:00")
    )
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="workshop").exists()
    assert "لا يمكن أن تنتهي الفعالية قبل أن تبدأ" in response.content.decode()


def test_an_editor_finds_the_regions_time_zones_first_named_in_arabic(admin_client, event_index):
    page = admin_client.get(f"/admin/pages/add/news/eventpage/{event_index.pk}/")
    select = BeautifulSoup(page.content, "html.parser").select_one("select[name=time_zone]")
    region, every = select.find_all("optgroup")
    assert region["label"] == "المنطقة"
    first = region.find("option")
    assert (first["value"], first.get_text()) == ("Asia/Damascus", "بتوقيت دمشق (Asia/Damascus)")
    assert select.find("option", selected=True)["value"] == "Asia/Damascus"
    assert len(every.find_all("option")) > 400


def test_event_page_shows_times_in_its_time_zone_and_the_calendar_link(client, event_index):
    starts = datetime.datetime(2030, 2, 10, 10, 0, tzinfo=datetime.UTC)
    EventPageFactory(
        parent=event_index,
        slug="workshop",
        starts=starts,
        ends=starts + datetime.timedelta(hours=4),
        time_zone="Asia/Damascus",
        capacity=30,
    )
    page = BeautifulSoup(client.get("/ar/events/workshop/").content, "html.parser")
    facts = page.select_one(".event-facts").get_text(" ", strip=True)
    assert "13:00" in facts and "17:00" in facts  # UTC+3
    assert "(بتوقيت دمشق)" in facts
    assert "الأحد 10 فبراير 2030" in facts
    assert "30 مقعدًا" in facts
    assert page.select_one("a[href='/ar/events/workshop/ics/']")


def test_ics_of_one_event_is_valid_with_utc_times_stable_uid_and_arabic_intact(client, event_index):
    starts = datetime.datetime(2030, 2, 10, 7, 0, tzinfo=datetime.UTC)
    event = EventPageFactory(
        parent=event_index,
        slug="workshop",
        title="ورشة الأمن الرقمي للجمعيات الصغيرة في المحافظات الشرقية والشمالية",
        summary="تدريب عملي؛ لا يتطلب خبرة، ويُرجى إحضار حاسوب.",
        starts=starts,
        ends=starts + datetime.timedelta(hours=4),
    )
    response = client.get("/ar/events/workshop/ics/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar, [vevent] = parse_ics(response.content.decode("utf-8"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert vevent["DTSTART"] == "20300210T070000Z"
    assert vevent["DTEND"] == "20300210T110000Z"
    assert unescape_ics(vevent["SUMMARY"]) == event.title
    assert unescape_ics(vevent["DESCRIPTION"]).startswith(event.summary)
    assert unescape_ics(vevent["LOCATION"]) == "مركز التنمية الاجتماعية، شارع بغداد، دمشق"
    assert vevent["URL"] == "http://localhost/ar/events/workshop/"
    assert vevent["DTSTAMP"].endswith("Z")
    uid = vevent["UID"]

    event.title = "عنوان جديد"
    event.slug = "renamed"
    event.save_revision().publish()
    _, [again] = parse_ics(client.get("/ar/events/renamed/ics/").content.decode())
    assert again["UID"] == uid


def test_calendar_feed_has_upcoming_events_of_its_language_only(client, events, schedule, english):
    schedule(
        events,
        EventPage(
            title="فعالية مجدولة",
            slug="scheduled",
            place="حمص",
            starts=in_days(3),
            ends=in_days(3, 12),
        ),
    )
    EventPageFactory(parent=events, title="مسودة", live=False, starts=in_days(5))
    english_index = events.copy_for_translation(english, copy_parents=True)
    english_index.save_revision().publish()
    EventPageFactory(parent=english_index, title="English event", starts=in_days(9))
    response = client.get("/ar/events/ics/")
    assert "attachment" not in response.get("Content-Disposition", "")
    _, vevents = parse_ics(response.content.decode())
    assert [unescape_ics(v["SUMMARY"]) for v in vevents] == ["بعد أسبوع", "بعد شهر"]
    assert len({v["UID"] for v in vevents}) == 2
    _, vevents = parse_ics(client.get("/en/events/ics/").content.decode())
    assert [v["SUMMARY"] for v in vevents] == ["English event"]


def test_events_index_links_its_calendar(client, events):
    page = BeautifulSoup(client.get("/ar/events/").content, "html.parser")
    assert page.select_one("head link[type='text/calendar']")["href"] == "/ar/events/ics/"


@pytest.mark.parametrize("url", ["/ar/events/", "/ar/events/past/", "/ar/events/ics/"])
def test_query_count_stays_flat_as_events_grow(
    client, event_index, url, django_assert_max_num_queries, django_assert_num_queries
):
    def add(count, days):
        for n in range(count):
            EventPageFactory(parent=event_index, starts=in_days(days + n))

    add(2, 5)
    add(2, -60)
    client.get(url)  # caches warmed: site, locales, settings
    with django_assert_max_num_queries(50) as few:
        assert client.get(url).status_code == 200
    count = len(few)
    add(8, 10)
    add(8, -30)
    client.get(url)
    with django_assert_num_queries(count):
        client.get(url)


def test_the_editor_types_the_hours_in_the_event_s_own_time_zone(admin_client, event_index):
    """23:30 typed for a meeting in Casablanca is 23:30 there (22:30 UTC), on a Damascus site."""
    form = event_form(
        slug="meeting",
        starts="2030-02-10 23:30",
        ends="2030-02-11 00:30",
        registration_deadline="2030-02-10 12:00",
        time_zone="Africa/Casablanca",
    )
    response = admin_client.post(f"/admin/pages/add/news/eventpage/{event_index.pk}/", form)
    assert response.status_code == 302
    event = EventPage.objects.get(slug="meeting")
    assert event.starts == datetime.datetime(2030, 2, 10, 22, 30, tzinfo=datetime.UTC)
    assert event.registration_deadline == datetime.datetime(2030, 2, 10, 11, tzinfo=datetime.UTC)
    edit = BeautifulSoup(admin_client.get(f"/admin/pages/{event.pk}/edit/").content, "html.parser")
    assert edit.select_one("input[name=starts]")["value"] == "2030-02-10 23:30"
    assert edit.select_one("input[name=registration_deadline]")["value"] == "2030-02-10 12:00"
