"""Pages are found from the remembered address (no query) but never stale: a page moved,
renamed, unpublished or made private answers as Wagtail would at once, with the page cache off
(what editors, reviewers and every visitor with a session get)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_page_seen_before_is_found_without_a_query(client, home):
    section = StandardPageFactory(parent=home, title="عن البرنامج")
    page = StandardPageFactory(parent=section, title="فريق العمل")
    client.get(page.url)  # the fragments (menu, footer) and the address, for every later request
    with CaptureQueriesContext(connection) as again:
        response = client.get(page.url)
    assert response.status_code == 200
    assert "فريق العمل" in response.content.decode()
    # Walking the tree would take two queries a level, after the site and the home page.
    assert len(again) == 0, [query["sql"] for query in again.captured_queries]


def test_a_renamed_page_moves_to_its_new_address_at_once(client, home):
    page = StandardPageFactory(parent=home, title="الشركاء", slug="partners-old")
    assert client.get("/ar/partners-old/").status_code == 200
    page.slug = "partners-new"
    page.save_revision().publish()
    assert client.get("/ar/partners-old/").status_code == 404
    assert "الشركاء" in client.get("/ar/partners-new/").content.decode()


def test_an_unpublished_page_is_not_found_at_once(client, home):
    page = StandardPageFactory(parent=home, slug="gone-soon")
    assert client.get("/ar/gone-soon/").status_code == 200
    page.unpublish()
    assert client.get("/ar/gone-soon/").status_code == 404


def test_a_moved_page_answers_at_its_new_address_and_the_old_one_sends_there(client, home):
    first = StandardPageFactory(parent=home, slug="first-section")
    second = StandardPageFactory(parent=home, slug="second-section")
    page = StandardPageFactory(parent=first, slug="moving", title="صفحة تنتقل")
    assert client.get("/ar/first-section/moving/").status_code == 200
    page.move(second, pos="last-child")
    old = client.get("/ar/first-section/moving/")
    assert old.status_code == 301
    assert old["Location"] == "/ar/second-section/moving/"
    assert "صفحة تنتقل" in client.get("/ar/second-section/moving/").content.decode()


def test_a_page_made_private_asks_for_a_login_at_once(client, home):
    page = StandardPageFactory(parent=home, slug="members", title="للأعضاء")
    assert client.get("/ar/members/").status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/ar/members/")
    assert response.status_code == 302
    assert "للأعضاء" not in client.get("/ar/members/", follow=True).content.decode()


def test_a_page_under_a_private_section_stays_private_when_found_again(client, home):
    section = StandardPageFactory(parent=home, slug="staff-only")
    page = StandardPageFactory(parent=section, slug="handbook", title="دليل الموظفين")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff handbook readers"))
    for _ in range(3):
        response = client.get("/ar/staff-only/handbook/")
        assert response.status_code == 302
    assert "دليل الموظفين" not in client.get(page.url, follow=True).content.decode()


def test_a_routable_pages_sub_address_still_answers(client, home):
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index, title="خبر للخلاصة")
    for _ in range(2):
        feed = client.get(f"{index.url}rss/")
        assert feed.status_code == 200
        assert "خبر للخلاصة" in feed.content.decode()


def test_an_address_that_leads_nowhere_is_not_found_every_time(client, home):
    for _ in range(2):
        assert client.get("/ar/no-such-page/").status_code == 404
