"""The demo's volunteers: `make run` gives the coordinator sign-ups to review and volunteers whose
hours are recorded, some with a certificate anyone can check."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from applications.models import Status, Submission
from tests.volunteering.conftest import text_of
from volunteering.models import ServiceCertificate, VolunteeringIndexPage
from volunteering.models.hours import hours_given

pytestmark = pytest.mark.django_db


def test_the_coordinator_finds_new_sign_ups_waiting(client, demo):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = dashboard.select_one('[data-testid="new_submissions"]').get_text(" ", strip=True)
    waiting = Submission.objects.filter(
        status=Status.RECEIVED, page__volunteeropportunitypage__isnull=False
    )
    assert waiting.exists()
    assert all(sign_up.page.title in panel for sign_up in waiting)


def test_the_demo_volunteers_hours_and_certificates_hold_together(client, demo):
    certified = Submission.objects.get(email="joud.atassi@example.org")
    assert certified.status == Status.ACCEPTED
    assert hours_given(certified) == 40
    assert {entry.recorded_by.username for entry in certified.service_hours.all()} == {
        "coordinator"
    }
    certificate = ServiceCertificate.objects.get(sign_up=certified)
    assert certificate.hours == 40 and certificate.name == "جود الأتاسي"

    index = VolunteeringIndexPage.objects.get(locale__language_code="ar")
    checked = text_of(client.get(index.url + "verify/", {"code": certificate.code}))
    assert "هذه الشهادة صحيحة" in checked and "جود الأتاسي" in checked

    accepted = Submission.objects.filter(
        status=Status.ACCEPTED, page__volunteeropportunitypage__isnull=False
    )
    assert ServiceCertificate.objects.count() < accepted.count()
    assert all(hours_given(sign_up) > 0 for sign_up in accepted)


def test_the_hours_page_puts_the_opportunities_with_volunteers_first_with_their_figures(
    client, demo
):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    listed = BeautifulSoup(client.get(reverse("volunteering_hours_index")).content, "html.parser")
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in listed.select('[data-testid="coordinated"] tbody tr')
    ]
    assert sorted(rows[:2]) == [
        ["تمديد شبكة الإنترنت في المكتبة المجتمعية", "1", "7"],
        ["نادي البرمجة الصيفي للأطفال", "3", "65"],
    ]
    assert all(row[1:] == ["0", "0"] for row in rows[2:])
