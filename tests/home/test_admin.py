"""Editors translate Arabic pages through wagtail-localize in the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import StandardPage
from home.roles import MODERATORS, TRANSLATORS
from tests.factories import StaffUserFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


def test_the_admin_opens_in_arabic_by_default(editor):
    response = editor.get("/admin/")
    assert response.status_code == 200
    assert b'lang="ar"' in response.content and b'dir="rtl"' in response.content


def test_an_editor_submits_an_arabic_page_for_english_translation(editor, home, english_home):
    source = StandardPageFactory(parent=home, title="عن البرنامج", slug="about")
    url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    assert editor.get(url).status_code == 200
    english = Locale.objects.get(language_code="en")
    response = editor.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    translation = StandardPage.objects.get(locale=english, translation_key=source.translation_key)
    assert translation.get_parent().pk == english_home.pk
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert edit.status_code == 200
    assert "عن البرنامج".encode() in edit.content  # the source text, ready to translate


def test_the_read_only_api_lists_published_pages(client, home):
    StandardPageFactory(parent=home, title="سياسة الخصوصية", slug="privacy-policy")
    response = client.get("/api/v2/pages/?type=home.StandardPage&fields=title")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["سياسة الخصوصية"]
    assert client.post("/api/v2/pages/").status_code == 405


@pytest.mark.parametrize(
    ("count", "header"), [(2, "1-2 من 2 صفحتين"), (3, "1-3 من 3 صفحات"), (12, "1-12 من 12 صفحة")]
)
def test_the_page_search_counts_pages_as_arabic_counts_them(editor, home, count, header):
    for number in range(count):
        StandardPageFactory(
            parent=home, title=f"برنامج الحاضنة {number}", slug=f"incubator-{number}"
        )
    found = editor.get(reverse("wagtailadmin_pages:search"), {"q": "الحاضنة"})
    assert header in " ".join(found.content.decode().split())
    # The listing that the search's filters reload counts the same way.
    results = editor.get(reverse("wagtailadmin_pages:search_results"), {"q": "الحاضنة"})
    assert header in " ".join(results.content.decode().split())


@pytest.mark.parametrize(
    ("chosen", "browser", "refusal"),
    [
        ("ar", "en", "عذرًا، ليس لديك صلاحية للوصول إلى هذه المنطقة."),
        ("en", "ar", "Sorry, you do not have permission to access this area."),
    ],
)
def test_the_admin_refuses_in_the_language_the_staff_member_chose(
    client, staff, chosen, browser, refusal
):
    """Wagtail writes its refusal after the view, where the browser's language used to rule."""
    translator = staff(client, TRANSLATORS)
    UserProfile.objects.create(user=translator, preferred_language=chosen)
    response = client.get("/admin/alerts/export/", HTTP_ACCEPT_LANGUAGE=browser, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert refusal in response.content.decode()


def test_a_login_that_owes_a_code_is_refused_in_the_staff_members_language(client, groups):
    moderator = StaffUserFactory(groups=[MODERATORS])
    UserProfile.objects.create(user=moderator, preferred_language="ar")
    client.force_login(moderator)
    response = client.get(
        "/admin/pages/", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert response.content.decode() == "أكّد تسجيل دخولك برمز لمرة واحدة أولًا."
