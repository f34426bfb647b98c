"""The alert page reached without a page naming what to follow: the visitor chooses."""

import datetime

import pytest
from bs4 import BeautifulSoup

from alerts import tokens
from alerts.models import Alert, Subscriber
from news.models import NewsCategory
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(index, home):
    return {
        "announced": ProgrammePageFactory(
            parent=index, title="المجتمع الذكي", track="التمكين", opens=None, joining_steps=[]
        ),
        "open": ProgrammePageFactory(
            parent=index, title="حاضنة الشباب", track="الاحتضان", opens=datetime.date(2020, 1, 1)
        ),
        "category": NewsCategory.objects.create(locale=home.locale, name="التدريب"),
    }


def choices(response):
    page = BeautifulSoup(response.content, "html.parser")
    chooser = page.select_one("[data-testid=alert-choice]")
    assert chooser is not None, "the page offers no choice"
    return {
        radio.parent.get_text(strip=True): radio["value"]
        for radio in chooser.select("input[type=radio]")
    }


def test_the_alert_page_offers_what_can_be_followed(client, offered):
    offered_now = choices(client.get("/ar/alerts/"))
    # A programme that has opened offers no alert of its own; its track still does.
    assert set(offered_now) == {"المجتمع الذكي", "التمكين", "الاحتضان", "التدريب"}
    html = client.get("/ar/alerts/").content.decode()
    assert "برامج لم يُفتح التقديم إليها بعد" in html and "تصنيفات الأخبار" in html


def test_a_visitor_chooses_a_programme_and_is_asked_to_confirm(client, offered, sent):
    value = choices(client.get("/ar/alerts/"))["المجتمع الذكي"]
    emails = sent(client.post, "/ar/alerts/", {"email": "visitor@example.org", "choice": value})
    assert sent.result.status_code == 302
    alert = Alert.objects.get()
    assert alert.programme_id == offered["announced"].pk and alert.confirmed_at is None
    assert [email.to for email in emails] == [["visitor@example.org"]]


def test_a_track_and_a_category_are_chosen_the_same_way(client, offered):
    offer = choices(client.get("/ar/alerts/"))
    client.post("/ar/alerts/", {"email": "visitor@example.org", "choice": offer["الاحتضان"]})
    client.post("/ar/alerts/", {"email": "visitor@example.org", "choice": offer["التدريب"]})
    assert {(alert.kind, alert.track, alert.category_id) for alert in Alert.objects.all()} == {
        ("track", "الاحتضان", None),
        ("category", "", offered["category"].pk),
    }


def test_sending_without_a_choice_asks_for_one_and_keeps_the_address(client, offered):
    response = client.post("/ar/alerts/", {"email": "visitor@example.org"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "اختر ما تريد أن نُعلمك به." in html and 'value="visitor@example.org"' in html
    assert choices(response) and not Alert.objects.exists()


def test_a_choice_no_longer_offered_is_refused_with_the_choice_again(client, offered):
    response = client.post(
        "/ar/alerts/",
        {"email": "visitor@example.org", "choice": f"programme:{offered['open'].pk}"},
    )
    assert response.status_code == 400
    assert "لم يعد هذا الخيار متاحًا. اختر من جديد." in response.content.decode()
    assert "المجتمع الذكي" in choices(response) and not Alert.objects.exists()


def test_a_link_to_a_programme_opened_since_offers_the_others(client, offered):
    response = client.post(
        "/ar/alerts/",
        {"email": "visitor@example.org", "kind": "programme", "target": offered["open"].pk},
    )
    assert response.status_code == 400
    assert "المجتمع الذكي" in choices(response)
    assert 'value="visitor@example.org"' in response.content.decode()


def test_a_page_naming_its_subject_offers_no_choice(client, offered):
    programme = offered["announced"]
    response = client.get("/ar/alerts/", {"kind": "programme", "target": programme.pk})
    assert 'data-testid="alert-choice"' not in response.content.decode()


def test_every_page_links_to_the_alerts_from_its_footer(client, offered):
    footer = BeautifulSoup(client.get("/ar/").content, "html.parser").select_one("footer")
    assert footer.find("a", href="/ar/alerts/").get_text() == "اختر تنبيهاتك بالبريد الإلكتروني"


@pytest.fixture
def manage_url(offered, client, sent):
    category = f"category:{offered['category'].pk}"
    sent(client.post, "/ar/alerts/", {"email": "visitor@example.org", "choice": category})
    subscriber = Subscriber.objects.get()
    return f"/ar/alerts/manage/{tokens.manage_token(subscriber)}/"


def test_the_page_of_an_address_adds_an_alert_confirmed_at_once(client, offered, manage_url, sent):
    value = choices(client.get(manage_url))["المجتمع الذكي"]
    emails = sent(client.post, manage_url, {"action": "add", "choice": value})
    assert sent.result.status_code == 302 and emails == []
    page = client.get(sent.result["Location"]).content.decode()
    assert "أُضيف التنبيه، وتجده في القائمة أدناه." in page and "المجتمع الذكي" in page
    added = Alert.objects.get(programme=offered["announced"])
    assert added.confirmed_at is not None


def test_adding_without_a_choice_keeps_every_alert(client, offered, manage_url):
    response = client.post(manage_url, {"action": "add"})
    assert response.status_code == 400
    assert "اختر ما تريد أن نُعلمك به." in response.content.decode()
    assert Alert.objects.count() == 1


@pytest.mark.parametrize("kind", ["programme", "track", "category", "events"])
def test_a_link_naming_a_nul_offers_the_choice_instead_of_failing(client, offered, kind):
    response = client.get("/ar/alerts/", {"kind": kind, "target": "1\x00"})
    assert response.status_code == 200 and choices(response)
    response = client.post(
        "/ar/alerts/", {"email": "visitor@example.org", "kind": kind, "target": "\x00"}
    )
    assert response.status_code == 400 and not Alert.objects.exists()


def test_a_link_to_a_programme_opened_since_says_why_and_offers_the_others(client, offered):
    opened = offered["open"]
    response = client.get("/ar/alerts/", {"kind": "programme", "target": opened.pk})
    page = BeautifulSoup(response.content, "html.parser")
    assert "لم يُفتح التقديم إليها بعد" in page.select_one("[data-testid=alert-gone]").get_text()
    assert "المجتمع الذكي" in choices(response)
    assert 'data-testid="alert-gone"' not in client.get("/ar/alerts/").content.decode()
