"""The catalogue, module and lesson pages as a visitor sees them."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from learning.models import LessonPage, ModulePrerequisite, format_duration
from tests.factories import LessonPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules(catalogue):
    """Three modules of different topics, levels and lengths, with 3, 1 and 0 lessons."""
    governance = ModulePageFactory(
        parent=catalogue,
        title="الحوكمة الرقمية",
        topic="governance",
        level="beginner",
        duration_minutes=45,
    )
    for _ in range(3):
        LessonPageFactory(parent=governance)
    security = ModulePageFactory(
        parent=catalogue,
        title="الأمن السيبراني",
        topic="cybersecurity",
        level="intermediate",
        duration_minutes=150,
    )
    LessonPageFactory(parent=security)
    impact = ModulePageFactory(
        parent=catalogue,
        title="قياس الأثر",
        topic="impact",
        level="advanced",
        duration_minutes=240,
    )
    return governance, security, impact


def titles(html, modules):
    return [module.title for module in modules if f">{module.title}</a>" in html]


def test_the_catalogue_lists_modules_with_their_length_and_lessons(client, catalogue, modules):
    html = client.get(catalogue.url).content.decode()
    assert titles(html, modules) == [m.title for m in modules]
    assert "3 وحدات" in html
    assert "45 دقيقة" in html and "ساعتان و30 دقيقة" in html
    assert "<dt>الدروس</dt><dd>3</dd>" in html and "<dt>الدروس</dt><dd>1</dd>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "cybersecurity"}, [1]),
        ({"level": "advanced"}, [2]),
        ({"duration": "short"}, [0]),
        ({"duration": "medium"}, [1]),
        ({"duration": "long"}, [2]),
        ({"topic": "governance", "duration": "long"}, []),
        ({"topic": "<script>", "level": "expert", "duration": "9"}, [0, 1, 2]),
        # A value not offered is dropped alone: the others still filter.
        ({"topic": "cybersecurity", "level": "expert"}, [1]),
        ({"topic": "nothing", "duration": "long"}, [2]),
    ],
)
def test_the_catalogue_filters_by_topic_level_and_length(
    client, catalogue, modules, query, expected
):
    html = client.get(catalogue.url, query).content.decode()
    assert titles(html, modules) == [modules[i].title for i in expected]
    if not expected:
        assert "لا توجد وحدة تطابق هذه الاختيارات" in html


def test_the_chosen_filters_stay_selected(client, catalogue, modules):
    html = client.get(catalogue.url, {"level": "advanced"}).content.decode()
    assert '<option value="advanced" selected>' in html
    assert "إزالة التصفية" in html


def test_the_catalogue_needs_the_same_queries_for_many_modules(
    client, catalogue, modules, django_assert_max_num_queries
):
    client.get(catalogue.url)
    with django_assert_max_num_queries(30) as few:
        client.get(catalogue.url)
    count = len(few.captured_queries)
    for _ in range(6):
        LessonPageFactory(parent=ModulePageFactory(parent=catalogue))
    client.get(catalogue.url)  # the menu and footer, cached again after the change
    with django_assert_max_num_queries(count):
        client.get(catalogue.url)


def test_module_and_lesson_pages_need_the_same_queries_for_more_lessons(
    client, module, lessons, django_assert_max_num_queries
):
    client.post(lessons[0].url + "complete/")
    pages = [module.url, lessons[1].url]
    counts = []
    for url in pages:
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for _ in range(8):
        LessonPageFactory(parent=module)
    for url, count in zip(pages, counts, strict=True):
        client.get(url)  # the menu and footer, cached again after the change
        with django_assert_max_num_queries(count):
            client.get(url)


def test_a_module_shows_what_learners_need_to_decide(client, module):
    module.audience = "العاملون في الجمعيات"
    module.objectives = [("objective", "تفعيل التحقق بخطوتين")]
    module.save_revision().publish()
    html = client.get(module.url).content.decode()
    for text in [
        "العاملون في الجمعيات",
        "تفعيل التحقق بخطوتين",
        "مبتدئ",
        "ساعة واحدة و30 دقيقة",
        "70%",
    ]:
        assert text in html


def test_a_module_shows_its_prerequisites_and_whether_they_are_done(client, catalogue, module):
    first = ModulePageFactory(parent=catalogue, title="الحوكمة الرقمية", slug="governance")
    only = LessonPageFactory(parent=first)
    module.prerequisite_links = [ModulePrerequisite(prerequisite=first)]
    module.save_revision().publish()
    section = client.get(module.url).content.decode().split('data-testid="prerequisites"')[1]
    assert f'<a href="{first.url}">الحوكمة الرقمية</a>' in section
    assert "مكتمل" not in section.split("</section>")[0]
    client.post(only.url + "complete/")
    section = client.get(module.url).content.decode().split('data-testid="prerequisites"')[1]
    assert "مكتمل" in section.split("</section>")[0]


def test_a_module_without_prerequisites_says_so(client, module):
    assert "لا يوجد: يمكنك البدء بهذه الوحدة مباشرة." in client.get(module.url).content.decode()


def lesson_order(client, module):
    section = client.get(module.url).content.decode().split('data-testid="lessons"')[1]
    lessons = LessonPage.objects.child_of(module)
    return sorted(
        (lesson.title for lesson in lessons if lesson.title in section),
        key=lambda title: section.index(f">{title}</a>"),
    )


def test_lessons_follow_the_order_editors_give_them(client, module, lessons):
    assert lesson_order(client, module) == ["كلمات المرور", "التصيّد الاحتيالي", "النسخ الاحتياطي"]
    # An editor drags the last lesson to the top in the page explorer.
    Page.objects.get(pk=lessons[2].pk).move(lessons[0], pos="left")
    assert lesson_order(client, module) == ["النسخ الاحتياطي", "كلمات المرور", "التصيّد الاحتيالي"]
    moved = LessonPage.objects.get(pk=lessons[2].pk)
    html = client.get(moved.url).content.decode()
    assert "الدرس 1 من 3" in html
    assert 'rel="prev"' not in html
    assert f'<a href="{lessons[0].url}" rel="next">' in html
    html = client.get(lessons[1].url).content.decode()
    assert "الدرس 3 من 3" in html and 'rel="next"' not in html


def test_a_lesson_shows_its_place_and_neighbours(client, lessons):
    html = client.get(lessons[1].url).content.decode()
    assert "الدرس 2 من 3" in html
    assert f'<a href="{lessons[0].url}" rel="prev">' in html
    assert f'<a href="{lessons[2].url}" rel="next">' in html
    assert f'href="{lessons[1].url}" aria-current="page"' in html


def test_unpublished_lessons_are_left_out(client, module, lessons):
    lessons[1].unpublish()
    html = client.get(lessons[0].url).content.decode()
    assert "الدرس 1 من 2" in html
    assert f'<a href="{lessons[2].url}" rel="next">' in html


def test_lesson_blocks_render(client, module):
    lesson = LessonPageFactory(
        parent=module,
        body=[
            ("key_takeaways", {"heading": "", "items": ["الطول أهم من التعقيد"]}),
            (
                "exercise",
                {
                    "title": "افحص بريدك",
                    "instructions": "<p>راجع آخر عشرين رسالة.</p>",
                    "model_answer": "دوّن كل رسالة مشبوهة.",
                },
            ),
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert "أهم ما تعلّمته" in html and "الطول أهم من التعقيد" in html
    assert "تمرين: افحص بريدك" in html and "<summary>اعرض إجابة نموذجية</summary>" in html


def test_lesson_text_and_quiz_questions_are_searchable(client, module, lessons):
    def found(query):
        html = client.get("/ar/search/", {"q": query}).content.decode()
        return [page for page in (*lessons, module) if f'href="{page.url}"' in html]

    assert lessons[2] in found("كلمات المرور الآتيه")
    assert module in found("اساسيات")


@pytest.mark.parametrize(
    ("minutes", "arabic", "english"),
    [
        (30, "30 دقيقة", "30 minutes"),
        (60, "ساعة واحدة", "1 hour"),
        (90, "ساعة واحدة و30 دقيقة", "1 hour and 30 minutes"),
        (120, "ساعتان", "2 hours"),
        (301, "5 ساعات ودقيقة واحدة", "5 hours and 1 minute"),
    ],
)
def test_durations_read_naturally(minutes, arabic, english):
    with translation.override("ar"):
        assert format_duration(minutes) == arabic
    with translation.override("en"):
        assert format_duration(minutes) == english


def render_featured(limit, language="ar"):
    request = RequestFactory().get("/")
    with translation.override(language):
        return Template("{% load learning_tags %}{% featured_modules " + str(limit) + " %}").render(
            Context({"request": request})
        )


def test_the_home_page_tag_shows_featured_modules_first(catalogue, modules):
    modules[2].featured = True
    modules[2].save_revision().publish()
    html = render_featured(2)
    assert titles(html, modules) == [modules[0].title, modules[2].title]
    assert html.index(modules[2].title) < html.index(modules[0].title)
    assert f'href="{catalogue.url}"' in html
    assert "تعلّم وفق وتيرتك" in html


def test_the_home_page_tag_shows_nothing_without_modules_in_the_language(catalogue, modules):
    assert render_featured(3, "fr").strip() == ""


def test_editors_can_open_every_learning_page_in_the_admin(admin_client, catalogue, module):
    lesson = LessonPage.objects.child_of(module).first()
    for page in (catalogue, module, lesson):
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    add_lesson = admin_client.get(f"/admin/pages/add/learning/lessonpage/{module.pk}/")
    assert add_lesson.status_code == 200
