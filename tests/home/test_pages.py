import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import SiteSettings
from indicators.models import Indicator
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_arabic_home_page_is_right_to_left_with_demo_content(client, demo):
    page = html(client.get("/ar/"))
    assert page.html["lang"] == "ar"
    assert page.html["dir"] == "rtl"
    assert page.h1.get_text(strip=True) == "معًا نحو مجتمع مدني رقمي"
    assert "انتقل إلى المحتوى الرئيسي" in page.select_one(".skip-link").get_text()
    menu = {a.get_text(strip=True): a["href"] for a in page.select(".main-nav a")}
    assert menu["عن البرنامج"] == "/ar/about/"
    assert all(href.startswith("/ar/") for href in menu.values())
    assert "البرنامج بالأرقام" in page.get_text()
    teaser = page.select_one(".open-programmes")
    assert teaser.h2.get_text(strip=True) == "برامج مفتوحة للتقديم"
    assert teaser.select(".programme-card a")
    assert page.select_one(".latest-news h2").get_text(strip=True) == "آخر الأخبار"
    assert page.select(".latest-news article, .latest-news li")
    assert page.select(".featured-modules a")


def test_english_home_page_is_left_to_right(client, demo):
    page = html(client.get("/en/"))
    assert page.html["lang"] == "en"
    assert page.html["dir"] == "ltr"
    assert page.h1.get_text(strip=True) == "Together towards a digital civil society"
    assert page.select_one(".skip-link").get_text(strip=True) == "Skip to main content"


def test_root_sends_visitors_to_their_language_arabic_by_default(client, home):
    assert client.get("/").headers["Location"] == "/ar/"
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.headers["Location"] == "/en/"
    response = client.get("/", headers={"accept-language": "de"})
    assert response.headers["Location"] == "/ar/"


def test_language_switcher_goes_to_the_translation_of_the_page(client, demo):
    page = html(client.get("/ar/about/"))
    links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert links == {"ar": "/ar/about/", "en": "/en/about/", "fr": "/fr/about/"}
    english = html(client.get(links["en"]))
    assert english.h1.get_text(strip=True) == "About the programme"
    assert english.html["lang"] == "en"


def test_language_switcher_says_which_languages_a_page_is_in(client, demo):
    page = html(client.get("/ar/privacy-policy/"))
    links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert links == {"ar": "/ar/privacy-policy/", "en": "/en/privacy-policy/"}
    french = page.select_one('.language-switcher li[lang="fr"]')
    assert french.get_text(" ", strip=True) == "Français (non traduite)"
    # Laid out left to right inside the Arabic page: its brackets were reversed.
    assert french["dir"] == "ltr"
    assert page.select_one('.language-switcher a[hreflang="en"]')["dir"] == "ltr"

    page = html(client.get("/en/privacy-policy/"))
    french = page.select_one('.language-switcher li[lang="fr"]')
    assert "non traduite" in french.get_text()
    assert french.a["href"] == "/ar/privacy-policy/" and french.a["hreflang"] == "ar"


def test_the_status_check_switches_language_in_place(client, demo):
    # The forms index's own header (remembered) is not the one of its sub-address.
    index = html(client.get("/ar/forms/"))
    assert index.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/forms/"
    page = html(client.get("/ar/forms/status/?reference=TMK-2026-000001"))
    english = page.select_one('.language-switcher a[hreflang="en"]')
    assert english["href"] == "/en/forms/status/?reference=TMK-2026-000001"


def test_the_french_menu_leaves_out_sections_without_french_content(client, demo):
    # The demo has French content in every section; the indicators are snippets, not pages under
    # their section.
    menu = [a["href"] for a in html(client.get("/fr/")).select(".main-nav a")]
    assert menu == [
        "/fr/about/",
        "/fr/programmes/",
        "/fr/partners/",
        "/fr/forms/",
        "/fr/news/",
        "/fr/events/",
        "/fr/learning/",
        "/fr/indicators/",
        "/fr/volunteering/",
    ]

    # Without French pages under it, or French indicators, a section leaves the French menu only.
    volunteering = Page.objects.get(locale__language_code="fr", url_path__endswith="/volunteering/")
    for page in volunteering.get_descendants().live():
        page.unpublish()
    for indicator in Indicator.objects.filter(locale__language_code="fr"):
        indicator.unpublish()
    menu = [a["href"] for a in html(client.get("/fr/")).select(".main-nav a")]
    assert "/fr/volunteering/" not in menu and "/fr/indicators/" not in menu
    assert "/fr/news/" in menu
    english = [a["href"] for a in html(client.get("/en/")).select(".main-nav a")]
    assert "/en/volunteering/" in english and "/en/indicators/" in english


def test_standard_page_has_breadcrumbs_and_meta_description(client, home):
    parent = StandardPageFactory(parent=home, title="عن البرنامج", slug="about")
    StandardPageFactory(parent=parent, title="الشركاء", slug="partners", summary="من يدعمنا")
    page = html(client.get("/ar/about/partners/"))
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs == [home.title, "عن البرنامج", "الشركاء"]
    assert page.select_one('meta[name="description"]')["content"] == "من يدعمنا"
    assert page.select_one(".breadcrumbs [aria-current=page]").get_text() == "الشركاء"


def test_unknown_page_is_an_arabic_404(client, home):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["dir"] == "rtl"
    assert page.h1.get_text(strip=True) == "الصفحة غير موجودة"


def test_footer_shows_site_settings_and_legal_pages_in_the_readers_language(client, demo):
    page = html(client.get("/en/"))
    footer = page.select_one("footer")
    assert "info@tamkeen.example" in footer.get_text()
    assert "Ministry of Social Affairs" in footer.get_text()
    legal = footer.select("nav a")
    assert [a["href"] for a in legal] == [
        "/en/privacy-policy/",
        "/en/accessibility/",
        "/en/terms-of-use/",
    ]
    assert not any(a.has_attr("lang") or a.has_attr("hreflang") for a in legal)


def test_the_footer_s_phone_number_dials_as_written(client, demo):
    """Written for reading, with spaces or Arabic-Indic digits; dialled from a `tel:` address a
    phone understands (a space in one is invalid, an Arabic-Indic digit dials nothing)."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for written, dialled in [
        ("+963 11 000 0000", "tel:+963110000000"),
        ("٠٩٩٣-١٢٣ ٤٥٦", "tel:0993123456"),
    ]:
        settings.phone = written
        settings.save()
        for language in ("ar", "en"):
            link = html(client.get(f"/{language}/")).select_one("footer a[href^='tel:']")
            assert link["href"] == dialled


def test_a_legal_page_not_translated_yet_is_linked_in_arabic_and_said_to_be(client, demo):
    """The demo has no French legal pages: the French footer links to the Arabic ones, and a
    screen reader must read their Arabic titles in Arabic, not with a French voice."""
    page = html(client.get("/fr/"))
    assert page.html["lang"] == "fr"
    footer = page.select_one("footer")
    # French sets its colons apart.
    assert "E-mail : info@tamkeen.example" in footer.get_text()
    legal = footer.select("nav a")
    assert [a["href"] for a in legal] == [
        "/ar/privacy-policy/",
        "/ar/accessibility/",
        "/ar/terms-of-use/",
    ]
    assert legal[0].get_text() == "سياسة الخصوصية"
    assert {(a["lang"], a["dir"], a["hreflang"]) for a in legal} == {("ar", "rtl", "ar")}


def test_drafts_are_not_served(client, home):
    page = StandardPageFactory(parent=home, slug="draft", live=False)
    assert client.get(page.url or "/ar/draft/").status_code == 404


def test_queries_per_page_do_not_grow_with_the_menu(client, demo, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        menu_before = len(html(client.get("/ar/about/")).select(".main-nav a"))
    for number in range(10):
        StandardPageFactory(parent=demo, slug=f"extra-{number}", show_in_menus=True)
    with django_assert_max_num_queries(len(before)):
        page = html(client.get("/ar/about/"))
    assert len(page.select(".main-nav a")) == menu_before + 10
