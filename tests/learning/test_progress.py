"""A learner works through a module without an account."""

import pytest
from django.test import Client
from wagtail.models import Locale

from tests.factories import LessonPageFactory

from .conftest import answers

pytestmark = pytest.mark.django_db


def module_page(client, module):
    return client.get(module.url).content.decode()


def test_a_new_learner_is_invited_to_start(client, module, lessons):
    html = module_page(client, module)
    assert "الدروس المكتملة: 0 من 3" in html
    assert "ابدأ الوحدة" in html
    assert f'href="{lessons[0].url}"' in html


def test_opening_a_lesson_does_not_complete_it(client, module, lessons):
    client.get(lessons[0].url)
    assert "الدروس المكتملة: 0 من 3" in module_page(client, module)


def test_completing_a_lesson_moves_on_and_the_module_offers_to_continue(client, module, lessons):
    response = client.post(lessons[0].url + "complete/")
    assert response.status_code == 302 and response["Location"] == lessons[1].url
    html = module_page(client, module)
    assert "الدروس المكتملة: 1 من 3" in html
    assert f"تابع: {lessons[1].title}" in html


def test_lessons_taken_out_of_order_count_and_the_learner_continues_at_the_first_gap(
    client, module, lessons
):
    client.post(lessons[2].url + "quiz/", answers(lessons[2]))
    client.post(lessons[0].url + "complete/")
    html = module_page(client, module)
    assert "الدروس المكتملة: 2 من 3" in html
    assert f"تابع: {lessons[1].title}" in html
    lesson_html = client.get(lessons[1].url).content.decode()
    assert "الدرس 2 من 3" in lesson_html
    assert "الدروس المكتملة: 2 من 3" in lesson_html


def test_a_lesson_with_a_quiz_is_completed_by_passing_it_not_by_the_button(client, module, lessons):
    client.post(lessons[2].url + "complete/")
    assert "الدروس المكتملة: 0 من 3" in module_page(client, module)


def test_completing_needs_a_post(client, lessons):
    assert client.get(lessons[0].url + "complete/").status_code == 405


def test_the_last_lesson_leads_back_to_the_module(client, module, catalogue):
    only = LessonPageFactory(parent=module, slug="extra")
    response = client.post(only.url + "complete/")
    assert response["Location"] == module.url


def test_progress_is_per_browser(client, module, lessons):
    client.post(lessons[0].url + "complete/")
    other = Client()
    assert "الدروس المكتملة: 0 من 3" in other.get(module.url).content.decode()


def test_progress_follows_the_learner_into_another_language(
    client, catalogue, module, lessons, english_home
):
    client.post(lessons[0].url + "complete/")
    english = Locale.objects.get(language_code="en")
    for page in (catalogue, module, lessons[0]):
        page.copy_for_translation(english).save_revision().publish()
    english_module = module.get_translation(english)
    html = client.get(english_module.url).content.decode()
    assert english_module.url.startswith("/en/")
    assert "1 of 1 lessons completed" in html
