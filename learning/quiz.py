"""Quiz scoring: plain Python, no Django, so the rules are tested fast and alone.

A question is answered correctly when the learner chose exactly its correct choices. Answers come
from an untrusted form: unknown questions or choices, or several choices on a question with one
right answer, mean the form was tampered with and nothing is scored.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FIELD_PREFIX = "q-"


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    explanation: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[Choice, ...]

    @property
    def multiple(self):
        """More than one right answer: the learner picks several (check boxes)."""
        return sum(choice.correct for choice in self.choices) > 1

    @property
    def field_name(self):
        return FIELD_PREFIX + self.id


@dataclass(frozen=True)
class Quiz:
    questions: tuple[Question, ...]


class TamperedAnswers(ValueError):
    """The answers name questions or choices this quiz does not have."""


class MissingAnswers(ValueError):
    def __init__(self, question_ids):
        self.question_ids = list(question_ids)
        super().__init__(f"unanswered: {', '.join(self.question_ids)}")


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    chosen: frozenset[str]

    @property
    def correct(self):
        return self.chosen == {c.id for c in self.question.choices if c.correct}

    def choices(self):
        """Each choice with whether the learner chose it, for the result page."""
        return [(choice, choice.id in self.chosen) for choice in self.question.choices]


@dataclass(frozen=True)
class Result:
    questions: tuple[QuestionResult, ...]

    @property
    def score(self):
        return sum(result.correct for result in self.questions)

    @property
    def total(self):
        return len(self.questions)

    @property
    def percent(self):
        return round(100 * self.score / self.total) if self.total else 0

    def passed(self, pass_mark):
        return self.percent >= pass_mark


def answers_from(fields: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """The quiz fields of a submitted form (`QueryDict.lists()`), as {question id: [choice ids]};
    other fields (the CSRF token) are ignored."""
    return {
        key[len(FIELD_PREFIX) :]: [value for value in values if value]
        for key, values in fields
        if key.startswith(FIELD_PREFIX)
    }


def score(quiz: Quiz, answers: Mapping[str, Iterable[str]]) -> Result:
    """Score `answers` ({question id: [choice ids]}); raises TamperedAnswers or MissingAnswers."""
    questions = {question.id: question for question in quiz.questions}
    unknown = set(answers) - set(questions)
    if unknown:
        raise TamperedAnswers(f"unknown questions: {', '.join(sorted(unknown))}")
    results = []
    missing = []
    for question in quiz.questions:
        chosen = frozenset(answers.get(question.id, ()))
        if not chosen:
            missing.append(question.id)
            continue
        if not chosen <= {choice.id for choice in question.choices}:
            raise TamperedAnswers(f"unknown choices for question {question.id}")
        if len(chosen) > 1 and not question.multiple:
            raise TamperedAnswers(f"several choices for question {question.id}")
        results.append(QuestionResult(question, chosen))
    if missing:
        raise MissingAnswers(missing)
    return Result(tuple(results))
