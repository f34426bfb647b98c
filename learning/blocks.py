"""Lesson blocks: the shared body library plus key takeaways, an exercise and a quiz."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES, BodyBlock

from . import quiz


class KeyTakeawaysBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Takeaway"), max_length=300), label=_("Takeaways")
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Key takeaways")
        template = "learning/blocks/key_takeaways.html"


class ExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_FEATURES)
    model_answer = blocks.TextBlock(
        label=_("Model answer"),
        required=False,
        help_text=_("Shown behind a “Show a model answer” toggle."),
    )

    class Meta:
        icon = "edit"
        label = _("Exercise")
        template = "learning/blocks/exercise.html"


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Why this answer is right or wrong; shown with the result."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    choices = blocks.ListBlock(QuizChoiceBlock(), min_num=2, label=_("Answers"))

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": blocks.BlockValidationError(
                        _("Mark at least one answer as correct.")
                    )
                }
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class QuizBlock(blocks.StructBlock):
    """Multiple-choice and true/false questions (a true/false question has two answers)."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    questions = blocks.ListBlock(QuizQuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "list-ol"
        label = _("Quiz")
        template = "learning/blocks/quiz.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["quiz"] = quiz_from_value(value)
        return context


def quiz_from_value(value):
    """The quiz of a block value, with the stable ids of its questions and answers."""
    return quiz.Quiz(
        tuple(
            quiz.Question(
                id=question.id,
                text=question.value["question"],
                choices=tuple(
                    quiz.Choice(
                        id=choice.id,
                        text=choice.value["text"],
                        correct=bool(choice.value["correct"]),
                        explanation=choice.value["explanation"],
                    )
                    for choice in question.value["choices"].bound_blocks
                ),
            )
            for question in value["questions"].bound_blocks
        )
    )


class LessonBodyBlock(BodyBlock):
    key_takeaways = KeyTakeawaysBlock()
    exercise = ExerciseBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
