"""Learning's models, by concept: lessons.py (lessons, their quizzes and counts) and catalogue.py
(the catalogue, its modules and their certificates)."""

from .catalogue import (
    Certificate,
    CertificateQuerySet,
    LearningIndexPage,
    ModulePage,
    ModulePrerequisite,
    format_duration,
    new_code,
    rate_limited,
)
from .lessons import LessonPage, render_with_status, with_lesson_counts

__all__ = [
    "Certificate",
    "CertificateQuerySet",
    "LearningIndexPage",
    "LessonPage",
    "ModulePage",
    "ModulePrerequisite",
    "format_duration",
    "new_code",
    "rate_limited",
    "render_with_status",
    "with_lesson_counts",
]
