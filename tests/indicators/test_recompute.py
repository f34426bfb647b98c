"""Editors who publish indicators count the computed figures again from the admin, without
waiting for the night; a visit to the page counts nothing, and nobody else may count."""

import pytest
from django.urls import reverse

from home.roles import MODERATORS, TRANSLATORS
from indicators.models import ComputedValue
from tests.indicators.conftest import make_indicator

pytestmark = pytest.mark.django_db

URL = "/admin/indicators/recompute/"


@pytest.fixture
def computed(groups):
    return make_indicator(
        slug="certificates", name="الشهادات الصادرة", computation="certificates_issued"
    )


def test_a_moderator_counts_the_figures_now_from_the_indicators_listing(client, staff, computed):
    staff(client, MODERATORS)
    listing = client.get(reverse("wagtailsnippets_indicators_indicator:list")).content.decode()
    assert URL in listing

    page = client.get(URL)
    assert "الشهادات الصادرة" in page.content.decode()
    assert not ComputedValue.objects.exists()  # looking counts nothing

    response = client.post(URL, follow=True)
    assert [(v.indicator, v.value) for v in ComputedValue.objects.all()] == [(computed, 0)]
    assert "عُدّ مؤشر محسوب واحد" in response.content.decode()
    # Counting again the same day replaces the day's count.
    client.post(URL)
    assert ComputedValue.objects.count() == 1


def test_a_translator_may_not_count(client, staff, computed):
    staff(client, TRANSLATORS)
    assert (
        URL not in client.get(reverse("wagtailsnippets_indicators_indicator:list")).content.decode()
    )
    assert client.post(URL).status_code in (302, 403)
    assert not ComputedValue.objects.exists()
