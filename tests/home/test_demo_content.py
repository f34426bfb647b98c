"""The demo site does not contradict itself: one accessibility statement, the tracks named the same
way everywhere, and listings that do not blame filters nobody set."""

import re

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

FILTERS_BLAMED = {
    "ar": "لا توجد أخبار تطابق هذه التصفية",
    "en": "No news matches these filters",
    "fr": "Aucune actualité ne correspond à ces filtres",
}


def test_one_accessibility_statement_and_one_name_per_track(client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    arabic = re.findall(r"<loc>http://[^/]+(/ar/[^<]*)</loc>", sitemap)
    assert [url for url in arabic if "accessibility" in url] == ["/ar/accessibility/"]
    for language in ("ar", "en"):
        response = client.get(f"/{language}/accessibility-statement/")
        assert response.status_code == 301
        assert response["Location"] == f"/{language}/accessibility/"

    tracks = set(
        ProgrammePage.objects.filter(locale__language_code="ar").values_list("track", flat=True)
    )
    about = BeautifulSoup(client.get("/ar/about/").content, "html.parser").main.get_text()
    assert all(f"مسار {track}" in about for track in tracks)
    assert "حاضنة" not in about


def test_news_listings_without_filters_do_not_blame_filters(client, demo):
    for language, blame in FILTERS_BLAMED.items():
        page = client.get(f"/{language}/news/").content.decode()
        assert blame not in page, language
    french = client.get("/fr/news/").content.decode().replace("&#x27;", "'")
    assert "Lancement du programme national" in french
    for news in NewsPage.objects.filter(locale__language_code="fr"):
        news.unpublish()
    assert "Il n'y a pas encore d'actualités dans cette langue." in (
        client.get("/fr/news/").content.decode().replace("&#x27;", "'")
    )
    assert FILTERS_BLAMED["ar"] in client.get("/ar/news/?tag=no-such-tag").content.decode()


def test_the_admin_greets_each_demo_account_by_an_arabic_name(client, demo, django_user_model):
    accounts = django_user_model.objects.filter(email__endswith="@tamkeen.example")
    assert accounts.count() == 9  # the administrator and one account per role
    for account in accounts:
        assert re.fullmatch(r"[\u0621-\u064a]+ [\u0621-\u064a ]+", account.get_full_name())
        # The admin in Arabic whatever the browser asks: the administrator's followed the browser.
        assert account.wagtail_userprofile.preferred_language == "ar"
    reviewer = accounts.get(username="reviewer")
    client.force_login(reviewer)
    headings = BeautifulSoup(client.get("/admin/").content, "html.parser").find_all("h2")
    assert reviewer.get_full_name() in [heading.get_text(strip=True) for heading in headings]


def test_a_search_for_a_workshop_in_two_words_finds_the_workshops_first(client, demo):
    """A workshop typed as "ورشة عمل": its "عمل" alone put a ministry of labour first."""
    page = BeautifulSoup(client.get("/ar/search/", {"q": "ورشة عمل"}).content, "html.parser")
    titles = [r.find("a").get_text() for r in page.select("[data-testid=search-result]")]
    assert all("ورش" in title for title in titles[:3]), titles
    assert not any("والعمل" in title for title in titles), titles
