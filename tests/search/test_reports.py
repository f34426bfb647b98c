"""Editors see what visitors searched for and did not find."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/unanswered-searches/"


def reported_rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(strip=True) for cell in row.select("td")] for row in soup.select("tbody tr")
    ]


def reported_terms(client):
    return [row[0] for row in reported_rows(client)]


def test_searches_that_found_nothing_are_listed_until_content_answers_them(
    admin_client, client, home
):
    client.get("/ar/search/", {"q": "منحة السفر"})
    client.get("/ar/search/", {"q": "منحة السفر"})
    client.get("/ar/search/", {"q": "عن"})
    assert reported_terms(admin_client) == ["منحة السفر"]
    StandardPageFactory(parent=home, slug="travel", title="منحة السفر للمتطوعين")
    client.get("/ar/search/", {"q": "منحة السفر"})
    assert reported_terms(admin_client) == []


def test_the_report_is_for_those_who_curate_search(client, django_user_model, home):
    user = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(REPORT).status_code != 200
    curators = Group.objects.create(name="curators")
    curators.permissions.add(Permission.objects.get(codename="add_searchpromotion"))
    user.groups.add(curators)
    client.get("/ar/search/", {"q": "<script>alert(1)</script>"})
    response = client.get(REPORT)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert "&lt;script&gt;" in response.content.decode()


def test_a_search_that_found_pages_without_one_of_its_words_is_listed_with_that_word(
    admin_client, client, home
):
    StandardPageFactory(parent=home, slug="security", title="الأمن الرقمي للجمعيات")
    client.get("/ar/search/", {"q": "التسويق الرقمي"})
    client.get("/ar/search/", {"q": "الأمن الرقمي"})
    assert reported_rows(admin_client) == [["التسويق الرقمي", "1", "التسويق"]]
    assert "عمليات بحث بلا إجابة" in admin_client.get(REPORT).content.decode()
    StandardPageFactory(parent=home, slug="marketing", title="التسويق الرقمي للجمعيات")
    client.get("/ar/search/", {"q": "التسويق الرقمي"})
    assert reported_rows(admin_client) == []
