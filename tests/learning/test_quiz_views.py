"""Quizzes are scored on the server and explained, with JavaScript off."""

import pytest

from learning.progress import Progress
from tests.factories import LessonPageFactory, quiz_block

from .conftest import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_lesson(lessons):
    return lessons[2]


def post(client, lesson, data):
    return client.post(lesson.url + "quiz/", data)


def test_the_quiz_is_a_plain_form(client, quiz_lesson):
    html = client.get(quiz_lesson.url).content.decode()
    assert f'action="{quiz_lesson.url}quiz/#quiz"' in html
    single, _true_false, multiple = quiz_lesson.quiz.questions
    assert f'type="radio" name="{single.field_name}"' in html
    assert f'type="checkbox" name="{multiple.field_name}"' in html
    assert "اختر كل الإجابات الصحيحة." in html


def test_a_failed_quiz_shows_each_answer_right_or_wrong_with_its_explanation(
    client, module, quiz_lesson
):
    response = post(client, quiz_lesson, answers(quiz_lesson, right=False))
    html = response.content.decode()
    assert response.status_code == 200
    assert "إجاباتك الصحيحة: 2 من 3 (67%)" in html
    assert html.count("✗ إجابة خاطئة") == 1 and html.count("✓ إجابة صحيحة") == 2
    assert "قصيرة ومتوقعة." in html and "طولها يصعّب تخمينها." in html
    assert "أعد الاختبار" in html
    assert "الدروس المكتملة: 0 من 3" in client.get(module.url).content.decode()


def test_passing_the_quiz_completes_the_lesson(client, module, quiz_lesson):
    html = post(client, quiz_lesson, answers(quiz_lesson)).content.decode()
    assert "نجحت في الاختبار، واكتمل هذا الدرس." in html
    assert "الدروس المكتملة: 1 من 3" in client.get(module.url).content.decode()


def test_a_worse_attempt_after_a_pass_keeps_the_best_score(client, module, quiz_lesson):
    post(client, quiz_lesson, answers(quiz_lesson))
    post(client, quiz_lesson, answers(quiz_lesson, right=False))
    html = client.get(quiz_lesson.url).content.decode()
    assert "أفضل نتيجة حققتها حتى الآن: 100%." in html
    assert "لقد نجحت في هذا الاختبار." in html


def test_the_pass_mark_is_the_editors(client, module, quiz_lesson):
    module.pass_mark = 60
    module.save_revision().publish()
    html = post(client, quiz_lesson, answers(quiz_lesson, right=False)).content.decode()
    assert "نجحت في الاختبار" in html


def tampered(lesson, how):
    data = answers(lesson)
    first = lesson.quiz.questions[0]
    if how == "unknown question":
        data["q-00000000-0000-0000-0000-000000000000"] = [first.choices[0].id]
    elif how == "unknown choice":
        data[first.field_name] = ["not-a-choice"]
    elif how == "two answers to a one-answer question":
        data[first.field_name] = [c.id for c in first.choices]
    elif how == "another question's choice":
        data[first.field_name] = [lesson.quiz.questions[1].choices[0].id]
    return data


@pytest.mark.parametrize(
    "how",
    [
        "unknown question",
        "unknown choice",
        "two answers to a one-answer question",
        "another question's choice",
    ],
)
def test_tampered_posts_are_refused_and_nothing_is_recorded(client, module, quiz_lesson, how):
    response = post(client, quiz_lesson, tampered(quiz_lesson, how))
    assert response.status_code == 400
    assert "تعذّرت قراءة إجاباتك" in response.content.decode()
    assert Progress(client.session).quiz_score(quiz_lesson) is None


def test_missing_answers_are_asked_for_and_the_chosen_ones_kept(client, quiz_lesson):
    data = answers(quiz_lesson)
    skipped = quiz_lesson.quiz.questions[1]
    del data[skipped.field_name]
    response = post(client, quiz_lesson, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "سؤال واحد بلا إجابة" in html
    assert f'aria-describedby="error-{skipped.id}"' in html
    kept = quiz_lesson.quiz.questions[0]
    right = next(c for c in kept.choices if c.correct)
    assert f'value="{right.id}" checked' in html
    assert Progress(client.session).quiz_score(quiz_lesson) is None


def test_an_empty_post_asks_for_every_answer(client, quiz_lesson):
    response = post(client, quiz_lesson, {})
    assert response.status_code == 400
    assert "3 أسئلة بلا إجابة" in response.content.decode()


def test_getting_the_quiz_address_goes_back_to_the_lesson(client, quiz_lesson):
    response = client.get(quiz_lesson.url + "quiz/")
    assert response.status_code == 302 and response["Location"] == quiz_lesson.url


def test_quiz_markup_in_content_is_escaped(client, module):
    lesson = LessonPageFactory(
        parent=module,
        body=[
            quiz_block(
                ("<b>سؤال</b>", [("<i>نعم</i>", True, "<script>x</script>"), ("لا", False, "")])
            )
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert "&lt;b&gt;سؤال&lt;/b&gt;" in html and "<b>سؤال" not in html
    lesson.refresh_from_db()
    data = {lesson.quiz.questions[0].field_name: [lesson.quiz.questions[0].choices[0].id]}
    html = client.post(lesson.url + "quiz/", data).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
