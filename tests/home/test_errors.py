"""When the site cannot answer as usual, the visitor still gets a page in the address's
language: the database out of reach (503), a fault (500), a malformed address (400), a missing
page (404)."""

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.test import Client
from wagtail.models import Locale

from home.models import HomePage

pytestmark = pytest.mark.django_db

LANGUAGES = {
    "ar": ("rtl", "الموقع غير متاح لبعض الوقت", "خطأ في الخادم", "الصفحة غير موجودة"),
    "en": ("ltr", "The site is briefly unavailable", "Server error", "Page not found"),
    "fr": (
        "ltr",
        "Le site est momentanément indisponible",
        "Erreur du serveur",
        "Page introuvable",
    ),
}


@pytest.fixture
def visitor():
    """A browser: it gets the error page where the test client would raise the error."""
    return Client(raise_request_exception=False)


@pytest.fixture
def every_language(home):
    for code in ("en", "fr"):
        home.copy_for_translation(Locale.objects.get(language_code=code)).save_revision().publish()


def page_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.html["lang"], soup.html["dir"], soup.h1.get_text(strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_database_outage_answers_503_in_the_addresss_language(
    visitor, every_language, monkeypatch, language
):
    direction, heading, _error, _missing = LANGUAGES[language]

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    response = visitor.get(f"/{language}/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert page_of(response) == (language, direction, heading)
    assert f'href="/{language}/"' in response.content.decode()
    assert response["Content-Security-Policy"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fault_answers_500_in_the_addresss_language(
    visitor, every_language, monkeypatch, language
):
    direction, _outage, heading, _missing = LANGUAGES[language]

    def fail(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomePage, "serve", fail)
    response = visitor.get(f"/{language}/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert page_of(response) == (language, direction, heading)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_answers_404_in_the_addresss_language(visitor, every_language, language):
    direction, _outage, _error, heading = LANGUAGES[language]
    response = visitor.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert page_of(response) == (language, direction, heading)


def test_a_nul_character_in_the_path_answers_400(visitor, every_language):
    response = visitor.get("/en/no%00page/")
    assert response.status_code == 400
    assert page_of(response) == ("en", "ltr", "This address is not valid")


def test_a_nul_character_in_the_api_query_answers_400(visitor, every_language):
    for address in ("/api/v2/pages/find/?html_path=%00", "/api/v2/pages/?slug=a%00"):
        response = visitor.get(address)
        assert response.status_code == 400
        assert "NUL" in response.json()["message"]


def test_a_search_ignores_a_nul_character(visitor, every_language):
    response = visitor.get("/en/search/?q=home%00")
    assert response.status_code == 200
    assert 'value="home"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "title"),
    [("ar", "لم يُقبل هذا النموذج"), ("en", "This form was not accepted"), ("fr", "Ce formulaire")],
)
def test_a_form_without_its_cookie_is_refused_in_the_address_language_with_the_way_back(
    every_language, language, title
):
    """Django's own page spoke of a "CSRF cookie" to the applicant, with no way back."""
    browser = Client(enforce_csrf_checks=True)
    form = f"http://testserver/{language}/forms/complaints/"
    response = browser.post(f"/{language}/", {"email": "a@example.org"}, HTTP_REFERER=form)
    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language and soup.h1.get_text(strip=True).startswith(title)
    assert form in [a["href"] for a in soup.find_all("a")]
    assert "CSRF" not in soup.get_text()

    elsewhere = browser.post(f"/{language}/", {}, HTTP_REFERER="https://elsewhere.example/phish")
    assert "elsewhere" not in elsewhere.content.decode()
