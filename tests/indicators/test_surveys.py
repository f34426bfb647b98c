"""Survey results: counts per answer and per governorate, no group under 5, no free text."""

import pytest

from applications.models import Submission
from indicators.models import SurveyResultsPage
from indicators.surveys import suppress
from tests.factories import ApplicationFormPageFactory, FormIndexPageFactory

FIELDS = [
    {"clean_name": "region", "label": "المحافظة", "field_type": "region"},
    {
        "clean_name": "priority",
        "label": "ما أكثر ما تحتاجون إليه؟",
        "field_type": "radio",
        "choices": "تدريب\nأجهزة\nموقع",
    },
    {"clean_name": "ideas", "label": "اقتراحات", "field_type": "multiline", "required": False},
]


def test_groups_under_five_are_hidden_and_a_lone_one_takes_the_next_smallest_with_it():
    assert suppress([12, 7, 0]) == [12, 7, 0]
    assert suppress([12, 3, 2]) == [12, None, None]
    assert suppress([12, 7, 3]) == [12, None, None], "else 3 = total - 12 - 7"
    assert suppress([12, 7, 3], several=True) == [12, 7, None]


@pytest.fixture
def survey(home):
    forms = FormIndexPageFactory(parent=home)
    return ApplicationFormPageFactory(parent=forms, slug="needs", fields=FIELDS)


def answer(survey, count, **data):
    for _ in range(count):
        Submission.objects.create(
            page=survey,
            form_data={"ideas": "نص خاص لا يُنشر", **data},
            reference=f"T-{Submission.objects.count()}",
        )


@pytest.fixture
def results_page(indicators_page, survey):
    page = indicators_page.add_child(
        instance=SurveyResultsPage(title="نتائج الاستبيان", slug="needs-results", survey=survey)
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_the_results_count_each_answer_hide_small_groups_and_never_show_free_text(
    client, survey, results_page
):
    answer(survey, 8, region="دمشق", priority="تدريب")
    answer(survey, 6, region="حلب", priority="أجهزة")
    answer(survey, 2, region="درعا", priority="موقع")
    page = client.get(results_page.url).content.decode()
    assert "16 إجابة" in page
    assert "نص خاص لا يُنشر" not in page and "اقتراحات" not in page
    # درعا (2) is hidden, and حلب (6) with it, or 16 - 8 would give درعا away; likewise موقع
    # and أجهزة.
    assert page.count('class="chart-bar"') == 2
    for group in ("درعا", "حلب", "موقع", "أجهزة"):
        assert f"<td>{group}</td><td>غير معروضة</td>" in page
    assert "<td>دمشق</td><td>8</td>" in page
    assert "لا تُعرض الفئات التي تقل إجاباتها عن 5" in page


@pytest.mark.django_db
def test_a_survey_with_fewer_than_five_answers_shows_nothing_but_says_why(
    client, survey, results_page
):
    answer(survey, 4, region="دمشق", priority="تدريب")
    page = client.get(results_page.url).content.decode()
    assert "أقل من 5 أشخاص" in page
    assert "chart-bar" not in page and "دمشق" not in page


@pytest.mark.django_db
def test_a_charts_description_lists_the_answers_with_an_arabic_comma(client, survey, results_page):
    answer(survey, 8, region="دمشق", priority="تدريب")
    answer(survey, 7, region="دمشق", priority="أجهزة")
    answer(survey, 6, region="حلب", priority="موقع")
    page = client.get(results_page.url).content.decode()
    assert "الإجابات: تدريب 8، أجهزة 7، موقع 6." in page
