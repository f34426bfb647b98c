"""The translator's demo work: `make run` leaves a page sent to translation, half translated, on
the translator's dashboard, and nothing else translated on the way."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from news.models import NewsCategory

pytestmark = pytest.mark.django_db


def test_the_translator_finds_a_translation_to_finish(client, demo):
    translator = get_user_model().objects.get(username="translator")
    client.force_login(translator)
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    rows = [
        row.get_text(" ", strip=True)
        for row in dashboard.select('[data-testid="unfinished_translations"] tbody tr')
    ]
    assert rows == [
        "Three youth teams win the digital services hackathon for associations"
        " English: بقيت جملتان للترجمة"
    ]
    english = Page.objects.get(slug="hackathon-winners", locale__language_code="en")
    assert not english.live
    link = dashboard.select_one('[data-testid="unfinished_translations"] a')["href"]
    assert link == f"/admin/pages/{english.pk}/edit/"
    assert client.get(link).status_code == 200

    translated = StringTranslation.objects.filter(locale__language_code="en")
    assert set(translated.values_list("last_translated_by__username", flat=True)) == {"translator"}


def test_the_demo_translation_is_of_the_page_alone(demo):
    assert Translation.objects.filter(source__object_repr__contains="هاكاثون").count() == 1
    english_categories = NewsCategory.objects.filter(locale__language_code="en")
    assert not english_categories.filter(name__regex=r"[\u0600-\u06ff]").exists()
