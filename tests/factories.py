"""Factories so a test builds content in one line: StandardPageFactory(parent=home, title=...)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.models import HomePage, StandardPage
from learning.models import LearningIndexPage, LessonPage, ModulePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


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


# Programmes
from programmes.models import (  # noqa: E402
    EligibilityCriterion,
    Partner,
    PartnerIndexPage,
    ProgrammeIndexPage,
    ProgrammePage,
)


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    title = "البرامج"
    slug = "programmes"

    class Meta:
        model = ProgrammeIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "الشركاء"
    slug = "partners"

    class Meta:
        model = PartnerIndexPage


class EligibilityCriterionFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"شرط رقم {n}")
    kind = EligibilityCriterion.Kind.REQUIRED
    explanation = "شرح الشرط."
    question = factory.LazyAttribute(lambda o: f"هل تستوفي {o.text}؟")

    class Meta:
        model = EligibilityCriterion


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"شريك {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.GOVERNMENT

    class Meta:
        model = Partner


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"برنامج {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "ملخص البرنامج."
    track = "الاحتضان"
    # Steps and an opening day: open, not announced, unless a test says otherwise.
    opens = datetime.date(2025, 1, 1)
    joining_steps = factory.LazyFunction(
        lambda: [
            (
                "step",
                # As the admin and the importer store it: empty optional fields are "".
                {
                    "title": "قدّم الطلب",
                    "text": "املأ الاستمارة.",
                    "documents": [],
                    "link_label": "",
                },
            )
        ]
    )

    class Meta:
        model = ProgrammePage

    @classmethod
    def _create(cls, model_class, *args, criteria=(), **kwargs):
        if criteria:
            kwargs["eligibility"] = [("criterion", criterion) for criterion in criteria]
        return super()._create(model_class, *args, **kwargs)


# News and events


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "الأخبار"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"خبر رقم {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "ملخص الخبر."
    # Newer with each item, and never in the future however many a test run creates.
    date = factory.Sequence(lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "الفعاليات"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ورشة رقم {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "ورشة تدريبية للجمعيات."
    place = "مركز التنمية الاجتماعية، شارع بغداد"
    region = "دمشق"
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=3))

    class Meta:
        model = EventPage


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


# Editors: staff accounts in a role's group
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff account; `StaffUserFactory(groups=[roles.MODERATORS])` puts it in those groups."""

    username = factory.Sequence(lambda n: f"staff-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@tamkeen.example")
    password = factory.PostGenerationMethodCall("set_password", "a long demo passphrase 42")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            groups = Group.objects.filter(name__in=names)
            # A misspelt or renamed group would leave a user with no rights, and a test green.
            assert len(groups) == len(set(names)), f"no such group among {names}"
            self.groups.set(groups)
        self.save()


# Applications
from applications.models import (  # noqa: E402
    ApplicationFormField,
    ApplicationFormPage,
    FormIndexPage,
)

APPLICATION_FIELDS = [
    {"clean_name": "full_name", "label": "الاسم الكامل", "field_type": "singleline"},
    {"clean_name": "email", "label": "البريد الإلكتروني", "field_type": "email"},
    {"clean_name": "phone", "label": "رقم الهاتف", "field_type": "phone"},
    {"clean_name": "members", "label": "عدد الأعضاء", "field_type": "number", "required": False},
    {"clean_name": "idea", "label": "الفكرة", "field_type": "multiline", "required": False},
    {
        "clean_name": "document",
        "label": "وثيقة التأسيس",
        "field_type": "file",
        "required": False,
        "max_upload_mb": 1,
    },
    {"clean_name": "consent", "label": "أوافق على سياسة الخصوصية", "field_type": "consent"},
]


class FormIndexPageFactory(wagtail_factories.PageFactory):
    title = "الاستمارات"
    slug = "forms"

    class Meta:
        model = FormIndexPage


class ApplicationFormPageFactory(wagtail_factories.PageFactory):
    """A form page with the fields of APPLICATION_FIELDS unless `fields` gives others."""

    title = factory.Sequence(lambda n: f"استمارة {n}")
    slug = factory.Sequence(lambda n: f"form-{n}")
    to_address = "team@tamkeen.example"
    thank_you_text = "<p>شكرًا لكم.</p>"

    class Meta:
        model = ApplicationFormPage

    @classmethod
    def _create(cls, model_class, *args, fields=None, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        for position, field in enumerate(APPLICATION_FIELDS if fields is None else fields):
            ApplicationFormField.objects.create(page=page, sort_order=position, **field)
        return page


# Volunteering
from volunteering.models import (  # noqa: E402
    HelpRequestPage,
    VolunteeringIndexPage,
    VolunteerOpportunityPage,
)


class VolunteeringIndexPageFactory(wagtail_factories.PageFactory):
    title = "التطوع"
    slug = "volunteering"

    class Meta:
        model = VolunteeringIndexPage


class VolunteerOpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"فرصة تطوعية {n}")
    slug = factory.Sequence(lambda n: f"opportunity-{n}")
    summary = "ملخص الفرصة."
    remote = True
    hours_per_week = 4
    starts = datetime.date(2026, 11, 1)
    ends = datetime.date(2027, 4, 30)
    volunteers_wanted = 3

    class Meta:
        model = VolunteerOpportunityPage


class HelpRequestPageFactory(wagtail_factories.PageFactory):
    title = "اطلب متطوعين"
    slug = "ask"

    class Meta:
        model = HelpRequestPage
