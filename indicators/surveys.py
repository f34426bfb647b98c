"""A survey's published results: how many chose each answer of its choice questions, and how many
answered from each governorate. Free-text answers are never read.

No group of fewer than five answers is shown (MINIMUM): its count is suppressed, and where a
question takes one answer and only one group would be suppressed, the next smallest is too, so
that the total cannot give it away. A survey with fewer than five answers in all shows nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import get_language
from wagtail.models import Locale

from applications.models import ApplicationFormField, ApplicationFormPage, FieldType, Submission
from programmes.models import Region

MINIMUM = 5
CHOICE_TYPES = {FieldType.DROPDOWN, FieldType.RADIO, FieldType.CHECKBOXES}


@dataclass
class Group:
    label: str
    count: int | None  # None: suppressed


@dataclass
class Question:
    label: str
    groups: list[Group]
    several: bool = False  # checkboxes: an answer may count in several groups

    @property
    def suppressed(self):
        return any(group.count is None for group in self.groups)


@dataclass
class Results:
    answers: int
    questions: list[Question] = field(default_factory=list)

    @property
    def too_few(self):
        return self.answers < MINIMUM

    @property
    def suppressed(self):
        return any(question.suppressed for question in self.questions)


def choices_of(form_field):
    """A field's choices as Wagtail's form builder reads them: one a line, else comma separated."""
    text = form_field.choices or ""
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def suppress(counts, several=False):
    """Groups of fewer than MINIMUM answers (and none) are hidden; zero is shown, it names no
    one. A lone hidden group of a one-answer question takes the next smallest with it."""
    shown = [None if 0 < count < MINIMUM else count for count in counts]
    hidden = [i for i, count in enumerate(shown) if count is None]
    if len(hidden) == 1 and not several:
        others = [(count, i) for i, count in enumerate(shown) if count]
        if others:
            shown[min(others)[1]] = None
    return shown


def results_of(survey):
    """The results of a survey form page (answers of all its languages together), with its
    questions in the reader's language; None without a survey."""
    if survey is None:
        return None
    forms = ApplicationFormPage.objects.filter(translation_key=survey.translation_key)
    locale = Locale.objects.filter(language_code=get_language()).first()
    shown = forms.filter(locale=locale).first() or survey.specific
    fields = {}
    for form_field in ApplicationFormField.objects.filter(page__in=forms):
        fields.setdefault(form_field.page_id, {})[form_field.clean_name] = form_field
    answers = list(Submission.objects.filter(page__in=forms).values_list("page_id", "form_data"))
    results = Results(answers=len(answers))
    if results.too_few:
        return results
    for question in shown.form_fields.all():
        if question.field_type in CHOICE_TYPES:
            results.questions.append(_choice_question(question, fields, answers))
        elif question.field_type == FieldType.REGION:
            results.questions.append(_region_question(question, answers, locale))
    return results


def _choice_question(question, fields, answers):
    labels = choices_of(question)
    counts = [0] * len(labels)
    several = question.field_type == FieldType.CHECKBOXES
    for page_id, data in answers:
        asked = fields.get(page_id, {}).get(question.clean_name)
        if asked is None:
            continue
        options = choices_of(asked)
        given = (data or {}).get(question.clean_name)
        for answer in given if isinstance(given, list) else [given]:
            if answer in options and options.index(answer) < len(counts):
                counts[options.index(answer)] += 1
    return Question(
        question.label,
        [
            Group(label, count)
            for label, count in zip(labels, suppress(counts, several), strict=True)
        ],
        several,
    )


def _region_question(question, answers, locale):
    """Answers per governorate, named in the reader's language whatever the language answered."""
    regions = list(Region.objects.all())
    key_of = {region.name: region.translation_key for region in regions}
    name_of = {
        r.translation_key: r.name for r in regions if r.locale_id == getattr(locale, "pk", None)
    }
    counts = Counter()
    for _page_id, data in answers:
        given = (data or {}).get(question.clean_name)
        if given:
            counts[name_of.get(key_of.get(given), given)] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = suppress([count for _name, count in ordered])
    return Question(
        question.label,
        [Group(name, count) for (name, _count), count in zip(ordered, shown, strict=True)],
    )
