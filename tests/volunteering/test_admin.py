"""Editors build opportunities and the request page in the admin; the admin's own checks apply."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import HelpRequestPageFactory
from volunteering.models import VolunteerOpportunityPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def test_the_editing_pages_open(admin_client, index, opportunity):
    ask = HelpRequestPageFactory(parent=index)
    for page in (index, opportunity, ask):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    add = reverse(
        "wagtailadmin_pages:add", args=["volunteering", "volunteeropportunitypage", index.pk]
    )
    assert admin_client.get(add).status_code == 200


def test_an_opportunity_needs_a_region_unless_remote_and_ends_after_it_starts(admin_client, index):
    add = reverse(
        "wagtailadmin_pages:add", args=["volunteering", "volunteeropportunitypage", index.pk]
    )
    response = admin_client.post(
        add,
        {
            "title": "فرصة بلا مكان",
            "slug": "nowhere",
            "hours_per_week": "4",
            "starts": "2026-12-10",
            "ends": "2026-12-01",
            "volunteers_wanted": "2",
            "body-count": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "region" in errors
    assert "ends" in errors
    assert not VolunteerOpportunityPage.objects.filter(slug="nowhere").exists()
