"""The whole demo site, walked once from "/" in every language, as a search engine does."""

import re
from urllib.parse import urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from wagtail.models import Site

from tests.config.crawler import crawl, loaded_urls

# The walk below sets up and rolls back its own data; the mark makes pytest create the database.
pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES]


def own_hosts():
    sites = Site.objects.all()
    return {
        "testserver",
        *(s.hostname if s.port == 80 else f"{s.hostname}:{s.port}" for s in sites),
    }


@pytest.fixture(scope="module")
def site(on_the_demo):
    """Every page reachable from the front door, fetched once."""

    def walk():
        hosts = own_hosts()
        starts = [("/", {"HTTP_ACCEPT_LANGUAGE": language}) for language in LANGUAGES]
        return crawl(Client(), starts, hosts), hosts

    return on_the_demo(walk)


@pytest.fixture(scope="module")
def pages(site):
    visits, _ = site
    return [visit for visit in visits.values() if visit.soup is not None]


def test_the_walk_reaches_every_section_in_every_language(pages):
    paths = {visit.url for visit in pages}
    for language in LANGUAGES:
        assert f"/{language}/" in paths
        assert f"/{language}/search/" in paths
    for section in ("programmes", "news", "events", "learning", "forms"):
        assert any(path.startswith(f"/ar/{section}/") and path.count("/") > 3 for path in paths), (
            f"no page under /ar/{section}/ was reached"
        )
    assert "/ar/partners/" in paths


def test_no_address_is_missing_or_broken(site):
    visits, _ = site
    broken = [f"{v.status} {v.url} (linked from {v.found_on})" for v in visits.values()]
    assert [line for line in broken if not line.startswith("200 ")] == []


def test_every_page_carries_the_security_headers(pages):
    for visit in pages:
        headers = visit.headers
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in headers["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == "'self'", visit.url
        assert policy["script-src"] == "'self'", visit.url
        assert policy["object-src"] == "'none'", visit.url
        assert policy["frame-ancestors"] == "'none'", visit.url
        assert policy["form-action"] == "'self'", visit.url
        assert policy["base-uri"] == "'self'", visit.url
        assert headers["X-Content-Type-Options"] == "nosniff", visit.url
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", visit.url
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", visit.url
        assert headers["X-Frame-Options"] == "DENY", visit.url
        assert {"camera=()", "microphone=()", "geolocation=()"} <= set(
            headers["Permissions-Policy"].split(", ")
        ), visit.url


def test_no_page_loads_anything_from_another_host(site, pages):
    _, hosts = site
    outside = [
        f"{url} on {visit.url}"
        for visit in pages
        for url in loaded_urls(visit.soup)
        if urlsplit(url).netloc not in ("", *hosts) or url.startswith("//")
    ]
    assert outside == []


# A UI string counts when it is words a visitor would read: placeholders and markup split it,
# and pieces shorter than two words are left out (single words such as "Email" also occur in
# content and proper names).
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")


def untranslated_phrases():
    catalogue = polib.pofile(str(settings.BASE_DIR / "site/locale/ar/LC_MESSAGES/django.po"))
    phrases = set()
    for entry in catalogue.translated_entries():
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if msgid in (entry.msgstr, *entry.msgstr_plural.values()):
                continue
            for piece in PLACEHOLDER.split(msgid):
                piece = " ".join(piece.split()).strip(" .,:;!?()")
                if len(piece.split()) >= 2 and len(piece) >= 10:
                    phrases.add(piece)
    return phrases


def words_in_language(html, language):
    """What a visitor reads on the page, leaving out parts marked as another language."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style", "template"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if tag.name != "html" and not tag["lang"].startswith(language):
            tag.decompose()
    shown = [soup.get_text(" ")]
    for attribute in ("aria-label", "alt", "title", "placeholder"):
        shown += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})]
    return " ".join(" ".join(shown).split())


def english_ui_strings(pages, language):
    phrases = untranslated_phrases()
    return [
        f"{phrase!r} on {visit.url}"
        for visit in pages
        if visit.url.startswith(f"/{language}/")
        for text in [words_in_language(visit.html, language)]
        for phrase in phrases
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ]


def test_arabic_pages_show_no_untranslated_ui_string(pages):
    assert english_ui_strings(pages, "ar") == []


def test_the_untranslated_string_check_finds_english_words(pages):
    # English pages show these strings by design: the check above can see them.
    assert len(english_ui_strings(pages, "en")) > 50


ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


def test_every_page_describes_itself_in_its_language(pages):
    """What search engines and link previews show under the title: one description on every
    page, written in the page's language (Arabic letters on Arabic pages; on English and French
    pages, not an Arabic description left untranslated)."""
    wrong = []
    for visit in pages:
        language = visit.soup.html.get("lang", "")
        tags = visit.soup.find_all("meta", attrs={"name": "description"})
        description = " ".join(tag.get("content", "") for tag in tags).strip()
        if len(tags) != 1 or not description:
            wrong.append(f"{len(tags)} descriptions ({description!r}) on {visit.url}")
        elif language == "ar" and not ARABIC_LETTER.search(description):
            wrong.append(f"not Arabic ({description!r}) on {visit.url}")
        elif language != "ar" and not LATIN_LETTER.search(description):
            wrong.append(f"Arabic only ({description!r}) on {visit.url}")
    assert wrong == []
