import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from alerts import subscribing
from alerts.models import Alert
from news.models import NewsCategory, RelatedProgramme
from tests.alerts.conftest import link
from tests.factories import NewsIndexPageFactory, NewsPageFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(home):
    return NewsCategory.objects.create(locale=home.locale, name="تدريب")


def test_the_daily_digest_lists_yesterdays_news_of_the_category_once(
    client, home, category, clock, sent
):
    news_index = NewsIndexPageFactory(parent=home)
    [confirmation] = sent(
        client.post,
        "/ar/alerts/",
        {"email": "reader@example.org", "kind": "category", "target": category.pk},
    )
    client.get(link(confirmation, "confirm"))
    clock.move(hours=2)
    published = {"first_published_at": clock.moment}
    NewsPageFactory(
        parent=news_index, title="دورة جديدة في الأمن الرقمي", category=category, **published
    )
    NewsPageFactory(parent=news_index, title="خبر من تصنيف آخر", **published)
    assert sent(call_command, "send_alerts", verbosity=0) == []  # today's news: tomorrow
    clock.move(days=1)
    [digest] = sent(call_command, "send_alerts", verbosity=0)
    assert "تدريب" in digest.subject
    assert "دورة جديدة في الأمن الرقمي" in digest.body and "تصنيف آخر" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent(call_command, "send_alerts", verbosity=0) == []


def test_the_news_listing_of_a_category_offers_its_alert(client, home, category):
    news_index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news_index, category=category)
    html = client.get(news_index.url + f"?category={category.slug}").content.decode()
    assert "أعلمني بأخبار «تدريب»" in html
    assert "أعلمني بأخبار" not in client.get(news_index.url).content.decode()


def test_a_track_alert_hears_of_any_programme_of_the_track_that_opens(client, index, clock, sent):
    opens = clock.today + datetime.timedelta(days=2)
    programme = ProgrammePageFactory(parent=index, track="المجتمع الذكي", opens=opens)
    listing = client.get(index.url + "?track=المجتمع الذكي").content.decode()
    assert "أعلمني بمستجدات مسار «المجتمع الذكي»" in listing
    [confirmation] = sent(
        client.post,
        "/ar/alerts/",
        {"email": "track@example.org", "kind": "track", "target": "المجتمع الذكي"},
    )
    client.get(link(confirmation, "confirm"))
    clock.set_day(opens)
    [opened] = sent(call_command, "send_alerts", verbosity=0)
    assert programme.title in opened.subject


def test_a_track_alert_hears_the_next_day_of_news_about_a_programme_of_the_track(
    client, home, index, clock, sent
):
    programme = ProgrammePageFactory(parent=index, track="المجتمع الذكي")
    other = ProgrammePageFactory(parent=index, track="مسار آخر")
    [confirmation] = sent(
        client.post,
        "/ar/alerts/",
        {"email": "track@example.org", "kind": "track", "target": "المجتمع الذكي"},
    )
    client.get(link(confirmation, "confirm"))
    clock.move(hours=2)
    news_index = NewsIndexPageFactory(parent=home)
    for title, about in (("ورشة لفرق المتطوعين التقنيين", programme), ("خبر مسار آخر", other)):
        item = NewsPageFactory(parent=news_index, title=title, first_published_at=clock.moment)
        RelatedProgramme.objects.create(source=item, page=about)
    clock.move(days=1)
    [digest] = sent(call_command, "send_alerts", verbosity=0)
    assert "المجتمع الذكي" in digest.subject
    assert "ورشة لفرق المتطوعين التقنيين" in digest.body and "مسار آخر" not in digest.body
    assert sent(call_command, "send_alerts", verbosity=0) == []


def test_editors_see_counts_and_only_site_administrators_export_and_erase(
    client, admin_client, home, index, django_user_model
):
    announced = ProgrammePageFactory(parent=index, title="المجتمع الذكي", joining_steps=[])
    subscribing.ask("a@example.org", "ar", Alert.Kind.PROGRAMME, programme=announced)
    subscribing.ask("b@example.org", "en", Alert.Kind.PROGRAMME, programme=announced)
    subscribing.confirm(Alert.objects.get(subscriber__email="a@example.org").subscriber)

    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    overview = client.get("/admin/alerts/")
    assert overview.status_code == 200
    row = [r for r in overview.context["rows"] if r[1] == "المجتمع الذكي"]
    assert row and row[0][2:] == [1, 1]
    refused = client.get("/admin/alerts/export/")
    assert refused.status_code != 200 and b"a@example.org" not in refused.content
    client.post("/admin/alerts/", {"email": "a@example.org"})
    assert Alert.objects.filter(subscriber__email="a@example.org").exists()

    export = admin_client.get("/admin/alerts/export/").content.decode("utf-8-sig")
    assert "a@example.org,ar," in export and "b@example.org,en," in export
    consent = Alert.objects.get(subscriber__email="a@example.org").confirmed_at
    assert consent.isoformat() in export
    admin_client.post("/admin/alerts/", {"email": "A@example.org"})
    assert not Alert.objects.filter(subscriber__email="a@example.org").exists()
    assert Alert.objects.filter(subscriber__email="b@example.org").exists()
