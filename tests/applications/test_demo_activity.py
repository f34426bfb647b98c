"""The demo's applicants: `make run` gives the reviewer applications at each stage of their
review, sent over the past weeks by people with names, and emails nobody."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from applications.access import reviewable_forms
from applications.models import ApplicationFormPage, Registration, Status, Submission
from home.outbox import OutgoingEmail
from indicators.models import ComputedValue, Indicator

pytestmark = pytest.mark.django_db


def form(slug):
    return ApplicationFormPage.objects.get(slug=slug, locale__language_code="ar")


def test_the_reviewer_finds_new_applications_waiting_with_who_sent_them(client, demo):
    reviewer = get_user_model().objects.get(username="reviewer")
    client.force_login(reviewer)
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = dashboard.select_one('[data-testid="new_submissions"]').get_text(" ", strip=True)
    incubator = form("youth-tech-incubator-application")
    assert incubator.title in panel
    # Registrations are confirmed as they come: nothing of theirs waits for review.
    assert form("digital-security-workshop-registration").title not in panel
    waiting = Submission.objects.filter(page=incubator, status=Status.RECEIVED)
    assert waiting.count() >= 2
    listed = client.get(
        reverse("wagtailforms:list_submissions", args=[incubator.pk]) + "?status=received"
    ).content.decode()
    for submission in waiting:
        assert submission.reference in listed
        assert submission.form_data["contact_name"] in listed


def test_a_reviewed_application_tells_its_story(client, demo):
    accepted = Submission.objects.get(form_data__organisation="فريق بصمة رقمية")
    assert accepted.status == Status.ACCEPTED
    history = list(accepted.history.select_related("user"))
    assert [event.status for event in history] == [
        Status.RECEIVED,
        Status.UNDER_REVIEW,
        Status.ACCEPTED,
    ]
    assert {event.user.username for event in history[1:]} == {"reviewer"}
    assert history[0].time == accepted.submit_time < history[1].time < history[2].time
    assert history[2].message.startswith("يسعدنا قبول فريقكم")
    assert "خبرة الفريق" in accepted.notes
    assert timezone.now() - accepted.submit_time > datetime.timedelta(days=20)

    client.force_login(get_user_model().objects.get(username="reviewer"))
    page = client.get(reverse("applications_review", args=[accepted.pk])).content.decode()
    assert "ليلى الحسن" in page and "سلمى العلي" in page and "يسعدنا قبول فريقكم" in page


def test_the_demo_submissions_were_sent_over_weeks_in_the_order_of_their_references(demo):
    submissions = list(Submission.objects.order_by("reference"))
    assert len(submissions) > 30
    times = [submission.submit_time for submission in submissions]
    assert times == sorted(times)
    assert len({time.date() for time in times}) > 15
    assert all(time <= timezone.now() for time in times)


def test_nobody_made_up_is_emailed(demo):
    applicants = set(Submission.objects.exclude(email="").values_list("email", flat=True))
    assert len(applicants) > 20
    assert not OutgoingEmail.objects.filter(recipient__in=applicants).exists()


def test_the_demo_registrations_take_their_seats(client, demo, before_the_demo_workshop):
    workshop = form("digital-security-workshop-registration")
    registrations = Registration.objects.filter(submission__page=workshop)
    assert registrations.count() == 6
    assert all(r.state == Registration.State.CONFIRMED for r in registrations)
    assert all(r.created_at == r.submission.submit_time for r in registrations)
    event_page = BeautifulSoup(client.get(workshop.event.url).content, "html.parser")
    seats = event_page.select_one('[data-testid="seats"]').get_text(" ", strip=True)
    assert f"بقي {workshop.event.capacity - 6} مقعدًا" in seats


def test_the_lists_count_their_submissions_in_arabic(client, demo):
    client.force_login(get_user_model().objects.get(username="reviewer"))

    def counted(slug):
        listed = client.get(reverse("wagtailforms:list_submissions", args=[form(slug).pk]))
        footer = BeautifulSoup(listed.content, "html.parser").select_one(".pagination__end")
        return footer.get_text(strip=True)

    assert counted("digital-needs-survey") == "24 طلبًا"
    assert counted("youth-tech-incubator-application") == "8 طلبات"
    assert counted("complaints") == "طلبان"
    forms = BeautifulSoup(client.get(reverse("wagtailforms:index")).content, "html.parser")
    shown = reviewable_forms(get_user_model().objects.get(username="reviewer")).count()
    assert shown > 10
    assert forms.select_one(".pagination__end").get_text(strip=True) == f"{shown} استمارة"


def test_the_figures_count_the_demo_applications_and_nothing_else(demo):
    received = Indicator.objects.get(slug="applications-received", locale__language_code="ar")
    applications = Submission.objects.filter(page=form("youth-tech-incubator-application"))
    # Weekly, from before the first application came four weeks ago, as they stood each week.
    values = [point["value"] for point in received.points]
    assert values[-1] == applications.count() == 8
    assert values[0] == 0 and values == sorted(values) and len(values) == 6
    assert len(set(values)) > 3
    # Counted once, on the Arabic indicator, whose values every language shows.
    assert (
        not ComputedValue.objects.exclude(indicator=received.pk)
        .filter(indicator__slug="applications-received")
        .exists()
    )
