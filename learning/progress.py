"""A learner's progress: completed lessons, best quiz scores and certificates issued.

`Progress.for_request(request)` is the one way views reach it. This store keeps it in the learner's
session (signed, server-side, no personal data), so nobody needs an account; an account-backed
store can later implement the same methods and be returned by `for_request` for signed-in learners.
Lessons and modules are identified by their translation key, so progress follows the learner from
one language to another.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class QuizScore:
    score: int
    total: int

    @property
    def percent(self):
        return round(100 * self.score / self.total) if self.total else 0


class Progress:
    SESSION_KEY = "learning"

    def __init__(self, session):
        self._session = session
        data = session.get(self.SESSION_KEY)
        self._data = data if isinstance(data, dict) else {}

    @classmethod
    def for_request(cls, request):
        return cls(request.session)

    def _save(self):
        self._session[self.SESSION_KEY] = self._data
        self._session.modified = True

    def is_completed(self, lesson):
        return str(lesson.translation_key) in self._data.get("lessons", [])

    def complete(self, lesson):
        lessons = self._data.setdefault("lessons", [])
        if str(lesson.translation_key) not in lessons:
            lessons.append(str(lesson.translation_key))
            self._save()

    def quiz_score(self, lesson):
        """The learner's best score on this lesson's quiz, or None."""
        stored = self._data.get("quizzes", {}).get(str(lesson.translation_key))
        if not (isinstance(stored, list) and len(stored) == 2):
            return None
        return QuizScore(*stored)

    def record_quiz(self, lesson, score, total):
        """Keep the best attempt: a later, worse try does not undo a pass."""
        best = self.quiz_score(lesson)
        if best is None or score * best.total > best.score * total:
            self._data.setdefault("quizzes", {})[str(lesson.translation_key)] = [score, total]
            self._save()

    def certificate_code(self, module):
        return self._data.get("certificates", {}).get(str(module.translation_key))

    def remember_certificate(self, module, code):
        self._data.setdefault("certificates", {})[str(module.translation_key)] = code
        self._save()


@dataclass(frozen=True)
class LessonStatus:
    lesson: object
    number: int
    completed: bool
    has_quiz: bool
    quiz_score: QuizScore | None
    quiz_passed: bool


@dataclass(frozen=True)
class ModuleProgress:
    """Where a learner stands in one module: what the module page and lesson pages show."""

    lessons: tuple[LessonStatus, ...]

    @classmethod
    def of(cls, progress, lessons, pass_mark):
        statuses = []
        for number, lesson in enumerate(lessons, start=1):
            has_quiz = lesson.quiz is not None
            score = progress.quiz_score(lesson) if has_quiz else None
            statuses.append(
                LessonStatus(
                    lesson=lesson,
                    number=number,
                    completed=progress.is_completed(lesson),
                    has_quiz=has_quiz,
                    quiz_score=score,
                    quiz_passed=score is not None and score.percent >= pass_mark,
                )
            )
        return cls(tuple(statuses))

    @property
    def total(self):
        return len(self.lessons)

    @property
    def completed_count(self):
        return sum(status.completed for status in self.lessons)

    @property
    def percent(self):
        return round(100 * self.completed_count / self.total) if self.total else 0

    @property
    def started(self):
        return any(s.completed or s.quiz_score for s in self.lessons)

    @property
    def next_lesson(self):
        """The first lesson not yet completed, in the module's order (lessons may be taken out of
        order; the learner continues from the earliest gap)."""
        return next((s.lesson for s in self.lessons if not s.completed), None)

    @property
    def finished(self):
        """Every lesson completed and every quiz passed at the current pass mark."""
        return bool(self.lessons) and all(
            s.completed and (s.quiz_passed or not s.has_quiz) for s in self.lessons
        )

    def status_of(self, lesson):
        return next((s for s in self.lessons if s.lesson.pk == lesson.pk), None)
