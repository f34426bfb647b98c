"""Factories so a test builds content in one line: StandardPageFactory(parent=home, title=...)."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage
from learning.models import LearningIndexPage, LessonPage, ModulePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "الرئيسية"
    hero_heading = "معًا نحو مجتمع مدني رقمي"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"صفحة {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "ملخص قصير للصفحة."

    class Meta:
        model = StandardPage


# E-learning


class LearningIndexPageFactory(wagtail_factories.PageFactory):
    title = "التعلّم الإلكتروني"
    slug = "learning"
    show_in_menus = True

    class Meta:
        model = LearningIndexPage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"وحدة {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "ملخص الوحدة."
    topic = "cybersecurity"
    level = "beginner"
    duration_minutes = 90
    pass_mark = 70

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"الدرس {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>نص الدرس.</p>")])

    class Meta:
        model = LessonPage


def quiz_block(*questions, title="اختبر نفسك"):
    """A quiz block value: quiz_block(("السؤال", [("جواب", True, "شرح"), ...]), ...)."""
    return (
        "quiz",
        {
            "title": title,
            "questions": [
                {
                    "question": text,
                    "choices": [
                        {"text": answer, "correct": correct, "explanation": explanation}
                        for answer, correct, explanation in choices
                    ],
                }
                for text, choices in questions
            ],
        },
    )
