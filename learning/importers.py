"""Item types `module` and `lesson` (see content-format.md).

module: `topic`, `level`, `duration_minutes`, `objectives` (list), `audience`, `pass_mark` (1-100),
        `featured` (bool), `prerequisites` (slugs of modules imported earlier).
lesson: `module` (slug of its module, required), `order` (its position among the module's lessons,
        1 = first), `takeaways` (list), `exercise` ({"title", "instructions", "model_answer"}),
        `quiz` ({"title", "questions": [{"question", "choices": [{"text", "correct",
        "explanation"}]}]}). Lesson slugs are unique within a language.
"""

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home.importing import _text, paragraphs, register, section_index, text_list, whole_number
from home.importing import choice as vocabulary
from home.models import HomePage

from .choices import LEVELS, TOPICS
from .models import LearningIndexPage, LessonPage, ModulePage, ModulePrerequisite


def learning_index(locale):
    """The catalogue in `locale`, created under that language's home page when missing."""
    summary = _(
        "Free courses for associations' staff and volunteers, lesson by lesson, with quizzes "
        "and a certificate."
    )
    return section_index(
        LearningIndexPage, "learning", locale, title=_("E-learning"), summary=summary
    )


def module_parent(locale):
    index = learning_index(locale)
    # Later translations of modules find their catalogue already translated.
    for other in Locale.objects.exclude(pk=locale.pk):
        if HomePage.objects.filter(locale=other).exists():
            learning_index(other)
    return index


def module_fields(item):
    values = {
        "topic": vocabulary(item, "topic", TOPICS, "digital-tools"),
        "level": vocabulary(item, "level", LEVELS, "beginner"),
        "duration_minutes": whole_number(item, "duration_minutes", 1, default=60),
        "pass_mark": whole_number(item, "pass_mark", 1, 100, default=70),
        "audience": _text(item, "audience"),
        "objectives": [("objective", text) for text in text_list(item, "objectives")],
    }
    if "featured" in item:
        if not isinstance(item["featured"], bool):
            raise ValueError("'featured' must be true or false")
        values["featured"] = item["featured"]
    text_list(item, "prerequisites")
    return values


def module_finish(page, item):
    if "prerequisites" not in item:
        return
    links = []
    for slug in text_list(item, "prerequisites"):
        module = (
            ModulePage.objects.filter(locale=page.locale, slug=slug).first()
            or ModulePage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE, slug=slug
            ).first()
        )
        if module is None or module.pk == page.pk:
            raise ValueError(f"prerequisite module {slug!r} does not exist: import it first")
        links.append(ModulePrerequisite(prerequisite=module))
    page.prerequisite_links = links


def lesson_parent(locale, item):
    slug = item["module"]
    module = ModulePage.objects.filter(locale=locale, slug=slug).first()
    if module is None:
        raise ValueError(
            f"module {slug!r} does not exist in '{locale.language_code}': import it first"
        )
    return module


def _quiz(data):
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise ValueError('\'quiz\' must be {"title", "questions": [...]}')
    questions = []
    for number, question in enumerate(data["questions"], start=1):
        if not isinstance(question, dict) or not isinstance(question.get("choices"), list):
            raise ValueError(f'quiz question {number} must be {{"question", "choices": [...]}}')
        choices = []
        for choice in question["choices"]:
            if not isinstance(choice, dict) or not isinstance(choice.get("correct", False), bool):
                raise ValueError(
                    f'quiz question {number}: each choice is {{"text", "correct", "explanation"}}'
                )
            choices.append(
                {
                    "text": _text(choice, "text", required=True, max_length=300),
                    "correct": choice.get("correct", False),
                    "explanation": _text(choice, "explanation"),
                }
            )
        if len(choices) < 2 or not any(choice["correct"] for choice in choices):
            raise ValueError(
                f"quiz question {number} needs at least two choices and one correct choice"
            )
        questions.append(
            {
                "question": _text(question, "question", required=True, max_length=500),
                "choices": choices,
            }
        )
    if not questions:
        raise ValueError("a quiz needs at least one question")
    return {"title": _text(data, "title", max_length=200), "questions": questions}


def lesson_fields(item):
    module = item.get("module")
    if not isinstance(module, str) or not module.strip():
        raise ValueError("'module' (the slug of the lesson's module) is required")
    if "order" in item:
        whole_number(item, "order", 1, default=1)
    body = paragraphs(text_list(item, "body"))
    takeaways = text_list(item, "takeaways")
    if takeaways:
        body.append(("key_takeaways", {"heading": "", "items": takeaways}))
    if "exercise" in item:
        exercise = item["exercise"]
        if not isinstance(exercise, dict):
            raise ValueError('\'exercise\' must be {"title", "instructions", "model_answer"}')
        instructions = _text(exercise, "instructions", required=True)
        body.append(
            (
                "exercise",
                {
                    "title": _text(exercise, "title", required=True, max_length=200),
                    "instructions": f"<p>{escape(instructions)}</p>",
                    "model_answer": _text(exercise, "model_answer"),
                },
            )
        )
    if "quiz" in item:
        body.append(("quiz", _quiz(item["quiz"])))
    return {"body": body}


def lesson_finish(page, item):
    """Put the lesson at position `order` among its module's lessons."""
    if "order" not in item:
        return
    siblings = list(page.get_siblings(inclusive=True).order_by("path"))
    others = [sibling for sibling in siblings if sibling.pk != page.pk]
    position = min(item["order"] - 1, len(others))
    if siblings.index(next(s for s in siblings if s.pk == page.pk)) == position:
        return
    with transaction.atomic():
        if position < len(others):
            Page.objects.get(pk=page.pk).move(others[position], pos="left")
        else:
            Page.objects.get(pk=page.pk).move(others[-1], pos="right")
    moved = Page.objects.get(pk=page.pk)
    page.path, page.depth, page.url_path = moved.path, moved.depth, moved.url_path


register("module", ModulePage, parent=module_parent, fields=module_fields, finish=module_finish)
register("lesson", LessonPage, parent=lesson_parent, fields=lesson_fields, finish=lesson_finish)
