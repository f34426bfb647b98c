"""`import_content` learns `module` and `lesson`."""

import pytest
from django.core.management import CommandError
from wagtail.models import Page, Revision

from learning.models import LearningIndexPage, LessonPage, ModulePage
from tests.importing import import_file

pytestmark = pytest.mark.django_db

QUIZ = {
    "title": "اختبر نفسك",
    "questions": [
        {
            "question": "أيّها أقوى؟",
            "choices": [
                {"text": "Jamia2024", "correct": False, "explanation": "قصيرة."},
                {"text": "عبارة طويلة", "correct": True, "explanation": "طويلة."},
            ],
        }
    ],
}


def module_item(**fields):
    return {
        "type": "module",
        "locale": "ar",
        "slug": "cyber",
        "title": "الأمن السيبراني",
        "topic": "cybersecurity",
        "level": "beginner",
        "duration_minutes": 90,
        "objectives": ["تفعيل التحقق بخطوتين"],
        **fields,
    }


def lesson_item(slug, order, **fields):
    return {
        "type": "lesson",
        "locale": "ar",
        "module": "cyber",
        "slug": slug,
        "order": order,
        "title": f"الدرس {order}",
        "body": ["نص الدرس."],
        **fields,
    }


def test_modules_go_under_a_catalogue_created_in_the_menu(tmp_path, home):
    import_file(tmp_path, [module_item()])
    module = ModulePage.objects.get()
    catalogue = module.get_parent().specific
    assert isinstance(catalogue, LearningIndexPage)
    assert catalogue.get_parent().pk == home.pk and catalogue.show_in_menus
    assert catalogue.title == "التعلّم الإلكتروني" and catalogue.live
    assert catalogue.summary.startswith("دورات مجانية للعاملين والمتطوعين")
    assert (module.topic, module.level, module.duration_minutes) == (
        "cybersecurity",
        "beginner",
        90,
    )
    assert [block.value for block in module.objectives] == ["تفعيل التحقق بخطوتين"]


def test_the_catalogue_is_translated_for_every_language_with_a_home(tmp_path, english_home):
    import_file(tmp_path, [module_item()])
    english = LearningIndexPage.objects.get(locale__language_code="en")
    assert english.title == "E-learning" and english.url == "/en/learning/"
    arabic = LearningIndexPage.objects.get(locale__language_code="ar")
    assert english.translation_key == arabic.translation_key


def test_lessons_go_under_their_module_in_their_order(tmp_path, home):
    import_file(
        tmp_path,
        [
            module_item(),
            lesson_item("second", 2),
            lesson_item("first", 1, takeaways=["فكرة"], quiz=QUIZ),
            lesson_item("third", 3),
        ],
    )
    module = ModulePage.objects.get()
    assert [lesson.slug for lesson in module.lessons()] == ["first", "second", "third"]
    first = LessonPage.objects.get(slug="first")
    assert [block.block_type for block in first.body] == ["paragraph", "key_takeaways", "quiz"]
    assert first.quiz.questions[0].text == "أيّها أقوى؟"
    assert [c.correct for c in first.quiz.questions[0].choices] == [False, True]


def test_importing_modules_and_lessons_twice_changes_nothing(tmp_path, home):
    items = [module_item(), lesson_item("first", 1, quiz=QUIZ), lesson_item("second", 2)]
    import_file(tmp_path, items)
    counts = (Page.objects.count(), Revision.objects.count())
    assert "0 created, 0 updated, 3 unchanged" in import_file(tmp_path, items)
    assert (Page.objects.count(), Revision.objects.count()) == counts


def test_prerequisites_link_modules_imported_before(tmp_path, home):
    import_file(
        tmp_path,
        [
            module_item(slug="governance", title="الحوكمة"),
            module_item(prerequisites=["governance"]),
        ],
    )
    module = ModulePage.objects.get(slug="cyber")
    assert [page.slug for page in module.prerequisites()] == ["governance"]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([lesson_item("orphan", 1)], "module 'cyber' does not exist in 'ar'"),
        ([module_item(level="expert")], "'level' must be one of: beginner, intermediate, advanced"),
        ([module_item(duration_minutes="90")], "'duration_minutes' must be a whole number"),
        ([module_item(pass_mark=120)], "'pass_mark' must be a whole number from 1 to 100"),
        ([module_item(prerequisites=["nowhere"])], "prerequisite module 'nowhere' does not exist"),
        ([module_item(), lesson_item("x", 0)], "'order' must be a whole number from 1 to"),
        ([module_item(), lesson_item("x", 10**20)], "'order' must be a whole number from 1 to"),
        (
            [
                module_item(),
                lesson_item(
                    "x",
                    1,
                    quiz={
                        "questions": [{"question": "؟", "choices": [{"text": "أ"}, {"text": "ب"}]}]
                    },
                ),
            ],
            "quiz question 1 needs at least two choices and one correct choice",
        ),
        (
            [module_item(), lesson_item("x", 1, quiz={"questions": []})],
            "a quiz needs at least one question",
        ),
        (
            [{**lesson_item("x", 1), "module": ""}],
            "'module' (the slug of the lesson's module) is required",
        ),
    ],
)
def test_bad_items_are_reported_and_nothing_is_written(tmp_path, home, items, message):
    before = Page.objects.count()
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, items)
    assert message in str(error.value)
    assert Page.objects.count() == before


def test_imported_quiz_text_is_escaped(tmp_path, home):
    quiz = {
        "questions": [
            {
                "question": "<b>؟</b>",
                "choices": [{"text": "<i>أ</i>", "correct": True}, {"text": "ب"}],
            }
        ]
    }
    import_file(
        tmp_path,
        [
            module_item(),
            lesson_item(
                "x", 1, exercise={"title": "ت", "instructions": "<script>x</script>"}, quiz=quiz
            ),
        ],
    )
    lesson = LessonPage.objects.get()
    exercise = next(block for block in lesson.body if block.block_type == "exercise")
    assert exercise.value["instructions"].source == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_the_demo_has_arabic_modules_each_with_lessons_and_a_quiz(demo):
    modules = ModulePage.objects.filter(locale__language_code="ar")
    assert modules.count() >= 3
    for module in modules:
        lessons = module.lessons()
        assert len(lessons) >= 2
        assert any(lesson.quiz for lesson in lessons), module.slug
    english = ModulePage.objects.filter(locale__language_code="en")
    assert english.exists()
    assert all(module.lessons() for module in english)


@pytest.mark.parametrize(
    ("locale", "level", "topic"),
    [("ar", "مبتدئ", "الأمن السيبراني"), ("ar", "متقدم", "governance"), ("en", "Intermediate", "")],
)
def test_a_vocabulary_value_may_be_written_as_its_label_in_the_items_language(
    tmp_path, home, english_home, locale, level, topic
):
    fields = {"level": level, "locale": locale}
    if topic:
        fields["topic"] = topic
    import_file(tmp_path, [module_item(**fields)])
    page = ModulePage.objects.get(slug="cyber", locale__language_code=locale)
    assert page.level == {"مبتدئ": "beginner", "متقدم": "advanced"}.get(level, "intermediate")
    if topic == "الأمن السيبراني":
        assert page.topic == "cybersecurity"


def test_a_label_of_another_language_is_refused_naming_the_labels(tmp_path, home):
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, [module_item(level="Débutant")])
    assert "'level' must be one of: beginner, intermediate, advanced" in str(error.value)
    assert "مبتدئ" in str(error.value)
