"""Associations ask for help, a staff reviewer turns an accepted request into a draft opportunity;
coordinators and reviewers see the submissions they review and nothing else; the figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from applications.models import Status, Submission
from home.roles import APPLICATION_REVIEWERS, setup_roles
from indicators.models import Indicator, compute
from programmes.models import Partner
from tests.applications.conftest import not_found
from tests.factories import (
    ApplicationFormPageFactory,
    HelpRequestPageFactory,
    StaffUserFactory,
    VolunteerOpportunityPageFactory,
)
from tests.indicators.conftest import make_indicator
from tests.volunteering.conftest import accept, name, text_of, token_of
from volunteering import figures
from volunteering.hours import record_hours
from volunteering.models import VolunteerOpportunityPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask_page(index):
    return HelpRequestPageFactory(parent=index)


def request_answers(**overrides):
    data = {
        "association": "جمعية حلب للتنمية المجتمعية",
        "contact_name": "سامر الحلبي",
        "email": "samer@example.org",
        "need": "صيانة حواسيب متبرّع بها",
        "details": "عشرون حاسوبًا تحتاج إلى إصلاح وتثبيت أنظمة.",
        "skills": ["صيانة الأجهزة"],
        "region": "حلب",
        "starts": "2026-12-01",
        "ends": "2027-02-28",
        "volunteers": "٢",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def ask(client, ask_page):
    def send(**data):
        token = token_of(client.get(ask_page.url))
        return client.post(ask_page.url, {"form_token": token, **request_answers(**data)})

    return send


def test_an_association_asks_for_volunteers(ask):
    response = ask()
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.reference in text_of(response)
    assert submission.form_data["skills"] == ["صيانة الأجهزة"]
    assert submission.form_data["volunteers"] == 2


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"ends": "2026-11-30", "starts": "2026-12-10"}, "لا يمكن أن تكون النهاية قبل البداية."),
        ({"ends": "2026-01-01", "starts": "2025-12-01"}, "هذا التاريخ قد مضى."),
        ({"volunteers": "0"}, ""),
        ({"skills": ["الطبخ"]}, ""),
        ({"need": ""}, ""),
    ],
)
def test_a_request_with_bad_answers_is_explained_and_kept(ask, answers, message):
    response = ask(**answers)
    assert response.status_code == 200
    assert "هناك مشكلة" in text_of(response)
    assert message in text_of(response)
    assert "سامر الحلبي" in response.content.decode()
    assert Submission.objects.count() == 0


@pytest.fixture
def reviewer(index):
    setup_roles()
    user = StaffUserFactory(username="muraji", groups=[APPLICATION_REVIEWERS])
    index.reviewers.add(user)
    index.save_revision().publish()
    return user


def make_url(submission):
    return reverse("volunteering_make_opportunity", args=[submission.pk])


def test_a_reviewer_turns_an_accepted_request_into_a_draft_opportunity(
    client, ask, reviewer, index
):
    partner = Partner.objects.create(
        name="جمعية حلب للتنمية المجتمعية", slug="aleppo-dev", kind="civil_society"
    )
    ask()
    submission = accept(Submission.objects.get())
    client.force_login(reviewer)
    listing = client.get(reverse("volunteering_requests"))
    assert listing.status_code == 200
    assert "صيانة حواسيب متبرّع بها" in text_of(listing)

    response = client.post(make_url(submission))
    assert response.status_code == 302
    draft = VolunteerOpportunityPage.objects.get()
    assert not draft.live
    assert draft.get_parent().pk == index.pk
    assert draft.title == "صيانة حواسيب متبرّع بها"
    assert draft.partner == partner
    assert draft.region.slug == "aleppo"
    assert not draft.remote
    assert [s.slug for s in draft.skills.all()] == ["device-repair"]
    assert (draft.starts, draft.ends) == (datetime.date(2026, 12, 1), datetime.date(2027, 2, 28))
    assert draft.volunteers_wanted == 2
    assert draft.from_request == submission.reference
    # It waits for the moderators' approval.
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    again = client.post(make_url(submission), follow=True)
    assert "سبق أن أُنشئت فرصة من هذا الطلب" in text_of(again)
    assert VolunteerOpportunityPage.objects.count() == 1


def test_a_request_not_yet_accepted_stays_a_request(client, ask, reviewer):
    ask()
    client.force_login(reviewer)
    response = client.post(make_url(Submission.objects.get()), follow=True)
    assert "اقبل الطلب قبل تحويله إلى فرصة" in text_of(response)
    assert VolunteerOpportunityPage.objects.count() == 0


def test_a_reviewer_the_index_does_not_name_cannot_touch_the_requests(client, ask, reviewer):
    ask()
    submission = accept(Submission.objects.get())
    other = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    client.force_login(other)
    assert not_found(client, client.post(make_url(submission)))
    assert VolunteerOpportunityPage.objects.count() == 0


def list_url(page):
    return reverse("wagtailforms:list_submissions", args=[page.pk])


def test_a_coordinator_reviews_the_sign_ups_of_their_opportunity_only(
    client, coordinator, index, opportunity, sign_up, home
):
    other = VolunteerOpportunityPageFactory(parent=index)
    form = ApplicationFormPageFactory(parent=home)
    name(opportunity, coordinator)
    sign_up(opportunity)
    sign_up(other, email="other@example.org")
    Submission.objects.create(
        page=form, reference="TMK-2026-000900", email="app@x.org", form_data={}
    )
    mine = Submission.objects.get(page=opportunity)
    client.force_login(coordinator)

    assert "layla@example.org" in client.get(list_url(opportunity)).content.decode()
    review = reverse("applications_review", args=[mine.pk])
    client.post(review, {"status": Status.ACCEPTED, "note": "", "message": ""})
    assert Submission.objects.get(pk=mine.pk).status == Status.ACCEPTED

    for page in (other, form):
        assert client.get(list_url(page)).status_code in (302, 403, 404)
    for submission in Submission.objects.exclude(pk=mine.pk):
        url = reverse("applications_review", args=[submission.pk])
        assert not_found(client, client.get(url))


def test_the_index_reviewer_sees_every_sign_up_under_it(client, reviewer, opportunity, sign_up):
    sign_up(opportunity)
    client.force_login(reviewer)
    assert "layla@example.org" in client.get(list_url(opportunity)).content.decode()


def test_the_figures_count_volunteers_filled_opportunities_and_hours(coordinator, index, sign_up):
    small = VolunteerOpportunityPageFactory(parent=index, volunteers_wanted=1)
    large = VolunteerOpportunityPageFactory(parent=index, volunteers_wanted=3)
    name(small, coordinator)
    name(large, coordinator)
    assert figures.all_figures() == {"volunteers": 0, "opportunities_filled": 0, "hours_given": 0}

    sign_up(small, email="a@example.org")
    sign_up(large, email="A@example.org")
    sign_up(large, email="b@example.org")
    sign_up(large, email="c@example.org")
    for submission in Submission.objects.exclude(email="c@example.org"):
        accept(submission)
    Submission.objects.get(email="c@example.org").set_status(Status.REJECTED)
    a = Submission.objects.get(page=small)
    record_hours(coordinator, small, a, Decimal(12), datetime.date(2026, 11, 20))
    record_hours(coordinator, small, a, Decimal("2.5"), datetime.date(2026, 11, 22))

    assert figures.volunteers() == 2  # a@ twice, b@
    assert figures.opportunities_filled() == 1  # small: 1 of 1; large: 2 of 3
    assert figures.hours_given() == Decimal("14.5")
    assert figures.hours_given(until=datetime.date(2026, 11, 21)) == 12
    assert figures.all_figures()["hours_given"] == Decimal("14.5")

    # Editors publish them as computed indicators.
    for computation, expected in (
        ("volunteers", 2),
        ("volunteer_opportunities_filled", 1),
        ("volunteer_hours", Decimal("14.5")),
    ):
        indicator = make_indicator(slug=computation, computation=computation)
        assert compute(indicator) == [("", expected)]
        assert Indicator.objects.get(pk=indicator.pk).headline == expected
