import pytest

from learning.models import LessonPage
from tests.factories import (
    LearningIndexPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    quiz_block,
)

PASSWORD_QUESTION = (
    "أيّ كلمات المرور الآتية أقوى؟",
    [
        ("Jamia2024", False, "قصيرة ومتوقعة."),
        ("عبارة طويلة من أربع كلمات", True, "طولها يصعّب تخمينها."),
    ],
)
BACKUP_QUESTION = (
    "يكفي حفظ النسخة الاحتياطية على الحاسوب نفسه.",
    [("صح", False, "إذا تعطّل الحاسوب ضاعت النسختان."), ("خطأ", True, "احفظ نسخة خارج المقر.")],
)
PHISHING_QUESTION = (
    "ما علامات رسالة التصيّد؟",
    [
        ("طلب عاجل لكلمة المرور", True, "الاستعجال علامة واضحة."),
        ("عنوان مرسل يشبه عنوانًا معروفًا", True, "حيلة شائعة."),
        ("تأكيد موعد متفق عليه", False, "رسالة متوقعة."),
    ],
)


@pytest.fixture
def catalogue(home):
    return LearningIndexPageFactory(parent=home)


@pytest.fixture
def module(catalogue):
    """A module with two reading lessons and a last lesson holding a three-question quiz."""
    module = ModulePageFactory(parent=catalogue, title="أساسيات الأمن السيبراني", slug="cyber")
    LessonPageFactory(parent=module, title="كلمات المرور", slug="passwords")
    LessonPageFactory(parent=module, title="التصيّد الاحتيالي", slug="phishing")
    LessonPageFactory(
        parent=module,
        title="النسخ الاحتياطي",
        slug="backups",
        body=[
            ("paragraph", "<p>قاعدة 3-2-1 للنسخ الاحتياطي.</p>"),
            quiz_block(PASSWORD_QUESTION, BACKUP_QUESTION, PHISHING_QUESTION),
        ],
    )
    return module


@pytest.fixture
def lessons(module):
    return list(LessonPage.objects.child_of(module).order_by("path"))


def answers(lesson, right=True):
    """Form data answering the lesson's quiz: all right, or the first question wrong."""
    data = {}
    for number, question in enumerate(lesson.quiz.questions):
        chosen = [c.id for c in question.choices if c.correct]
        if not right and number == 0:
            chosen = [c.id for c in question.choices if not c.correct][:1]
        data[question.field_name] = chosen
    return data
