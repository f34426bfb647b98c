"""Quiz scoring rules, without Django."""

import pytest

from learning.quiz import (
    Choice,
    MissingAnswers,
    Question,
    Quiz,
    TamperedAnswers,
    answers_from,
    score,
)

SINGLE = Question("q1", "أيّها أقوى؟", (Choice("a", "قصيرة", False), Choice("b", "طويلة", True)))
TRUE_FALSE = Question(
    "q2", "النسخة على الجهاز نفسه تكفي.", (Choice("t", "صح", False), Choice("f", "خطأ", True))
)
MULTIPLE = Question(
    "q3",
    "علامات التصيّد؟",
    (
        Choice("x", "استعجال", True),
        Choice("y", "عنوان مشابه", True),
        Choice("z", "موعد متفق عليه", False),
    ),
)
QUIZ = Quiz((SINGLE, TRUE_FALSE, MULTIPLE))


def test_all_right_answers_score_full_marks():
    result = score(QUIZ, {"q1": ["b"], "q2": ["f"], "q3": ["x", "y"]})
    assert (result.score, result.total, result.percent) == (3, 3, 100)
    assert result.passed(100)


def test_a_multiple_answer_question_needs_exactly_its_correct_answers():
    half = score(QUIZ, {"q1": ["b"], "q2": ["f"], "q3": ["x"]})
    too_many = score(QUIZ, {"q1": ["b"], "q2": ["f"], "q3": ["x", "y", "z"]})
    assert half.score == too_many.score == 2
    assert [r.correct for r in half.questions] == [True, True, False]
    assert half.percent == 67 and not half.passed(70) and half.passed(60)


def test_the_result_says_which_choices_the_learner_picked():
    result = score(QUIZ, {"q1": ["a"], "q2": ["f"], "q3": ["x", "y"]})
    first = result.questions[0]
    assert not first.correct
    assert [(choice.id, chosen) for choice, chosen in first.choices()] == [
        ("a", True),
        ("b", False),
    ]


@pytest.mark.parametrize(
    "answers",
    [
        {"q1": ["b"], "q2": ["f"], "q3": ["x"], "q9": ["a"]},  # a question the quiz does not have
        {"q1": ["nope"], "q2": ["f"], "q3": ["x"]},  # a choice the question does not have
        {"q1": ["b"], "q2": ["x"], "q3": ["x"]},  # another question's choice
        {"q1": ["a", "b"], "q2": ["f"], "q3": ["x"]},  # two choices on a one-answer question
    ],
)
def test_tampered_answers_are_refused(answers):
    with pytest.raises(TamperedAnswers):
        score(QUIZ, answers)


def test_missing_answers_are_named():
    with pytest.raises(MissingAnswers) as missing:
        score(QUIZ, {"q1": ["b"], "q3": []})
    assert missing.value.question_ids == ["q2", "q3"]


def test_only_quiz_fields_are_read_from_the_form():
    fields = [("csrfmiddlewaretoken", ["t"]), ("q-q1", ["b"]), ("q-q3", ["x", "", "y"])]
    assert answers_from(fields) == {"q1": ["b"], "q3": ["x", "y"]}
