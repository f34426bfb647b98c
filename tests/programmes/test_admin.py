import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from programmes.models import EligibilityCriterion, ProgrammePage, Region, TargetGroup
from tests.factories import EligibilityCriterionFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


def form(criteria, steps=1, **fields):
    data = {
        "title": "مسار التدريب المتقدم",
        "slug": "advanced-training",
        "summary": "تدريب متقدم للمنظمات.",
        "track": "التمكين",
        "opens": "2026-11-01",
        "closes": "2026-12-31",
        "objectives": rich_text("<p>رفع المهارات.</p>"),
        "benefits": rich_text("<p>شهادة معتمدة.</p>"),
        "eligibility": streamfield([("criterion", c.pk) for c in criteria]),
        "joining_steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": f"الخطوة {n + 1}",
                        "text": "شرح الخطوة.",
                        "documents": {"count": 0},
                        "link_page": "",
                        "link_url": "",
                        "link_label": "",
                    },
                )
                for n in range(steps)
            ]
        ),
        "body": streamfield([]),
        "faqs": streamfield([]),
        "related_news": streamfield([]),
        "comments": inline_formset([]),
        "apply_in_person": "في مقر الوزارة، من الأحد إلى الخميس.",
        "action-publish": "action-publish",
        **fields,
    }
    posted = nested_form_data(data)
    posted["regions"] = [Region.objects.get(slug="homs", locale__language_code="ar").pk]
    posted["target_groups"] = [
        TargetGroup.objects.get(slug="associations", locale__language_code="ar").pk
    ]
    return posted


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("programmes", "programmepage", index.pk))


def test_an_editor_publishes_a_programme_with_reused_criteria(admin_client, index):
    registered = EligibilityCriterionFactory(text="أن تكون الجمعية مسجلة")
    staff = EligibilityCriterionFactory(text="خمسة موظفين على الأقل")
    ProgrammePageFactory(parent=index, criteria=[registered])

    response = admin_client.post(add_url(index), form([staff, registered]))
    assert response.status_code == 302, response.context["form"].errors

    page = ProgrammePage.objects.get(slug="advanced-training")
    assert page.live
    assert [c.pk for c in page.criteria] == [staff.pk, registered.pk]
    assert [r.slug for r in page.regions.all()] == ["homs"]
    assert EligibilityCriterion.objects.count() == 2
    assert admin_client.get(page.url).status_code == 200


def test_a_programme_without_joining_steps_is_published_as_announced(admin_client, index):
    response = admin_client.post(add_url(index), form([], steps=0, apply_in_person=""))
    assert response.status_code == 302
    page = ProgrammePage.objects.get(slug="advanced-training")
    assert page.live and page.is_announced()
    assert "ستُعلن آلية الانضمام ومعايير الأهلية" in admin_client.get(page.url).content.decode()


def test_a_programme_without_dates_is_published_as_announced(admin_client, index):
    data = form([], opens="", closes="", apply_in_person="")
    assert admin_client.post(add_url(index), data).status_code == 302
    assert ProgrammePage.objects.get(slug="advanced-training").is_announced()


def test_an_open_programme_without_a_way_to_apply_is_not_published(admin_client, index):
    data = form([], opens="2020-01-01", closes="2099-12-31", apply_in_person="")
    response = admin_client.post(add_url(index), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "طريقة للتقديم" in errors["application_page"][0]
    assert not ProgrammePage.objects.filter(slug="advanced-training").exists()


def test_a_link_to_apply_elsewhere_needs_its_text(admin_client, index):
    data = form(
        [],
        opens="2020-01-01",
        closes="2099-12-31",
        apply_in_person="",
        apply_url="https://portal.example.org/apply",
    )
    response = admin_client.post(add_url(index), data)
    assert "apply_label" in response.context["form"].errors
    data["apply_label"] = "قدّم على بوابة الوزارة"
    assert admin_client.post(add_url(index), data).status_code == 302
    page = ProgrammePage.objects.get(slug="advanced-training")
    html = admin_client.get(page.url).content.decode()
    assert 'href="https://portal.example.org/apply"' in html and "قدّم على بوابة الوزارة" in html


def test_an_upcoming_programme_may_wait_for_its_way_to_apply(admin_client, index):
    data = form([], opens="2098-01-01", closes="2099-12-31", apply_in_person="")
    assert admin_client.post(add_url(index), data).status_code == 302


def test_a_draft_may_be_saved_without_joining_steps(admin_client, index):
    data = form([], steps=0)
    del data["action-publish"]
    assert admin_client.post(add_url(index), data).status_code == 302
    assert not ProgrammePage.objects.get(slug="advanced-training").live


def test_a_closing_date_before_the_opening_date_is_refused(admin_client, index):
    response = admin_client.post(add_url(index), form([], opens="2026-12-31", closes="2026-01-01"))
    assert response.status_code == 200
    assert "closes" in response.context["form"].errors
    assert not ProgrammePage.objects.filter(slug="advanced-training").exists()


def test_a_criterion_in_use_cannot_be_deleted(admin_client, index):
    criterion = EligibilityCriterionFactory()
    ProgrammePageFactory(parent=index, criteria=[criterion])
    url = reverse("wagtailsnippets_programmes_eligibilitycriterion:delete", args=[criterion.pk])
    response = admin_client.post(url, follow=True)
    assert EligibilityCriterion.objects.filter(pk=criterion.pk).exists()
    assert "أزله منها قبل حذفه" in response.content.decode()


def test_an_unused_criterion_can_be_deleted(admin_client):
    criterion = EligibilityCriterionFactory()
    url = reverse("wagtailsnippets_programmes_eligibilitycriterion:delete", args=[criterion.pk])
    admin_client.post(url)
    assert not EligibilityCriterion.objects.filter(pk=criterion.pk).exists()
