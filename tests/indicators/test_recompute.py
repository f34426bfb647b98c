"""Editors who publish indicators count the computed figures again from the admin, without
waiting for the night; a visit to the page counts nothing, and nobody else may count."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

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


def test_a_moderator_counts_a_new_indicators_past_weekly_since_a_day(client, staff, computed):
    staff(client, MODERATORS)
    today = timezone.localdate()
    since = today - datetime.timedelta(weeks=3)
    response = client.post(URL, {"since": since.isoformat()}, follow=True)
    days = list(ComputedValue.objects.order_by("date").values_list("date", flat=True))
    assert days == [since + datetime.timedelta(weeks=i) for i in range(3)] + [today]
    assert "كل أسبوع منذ" in response.content.decode()


@pytest.mark.parametrize(
    "typed,message",
    [("2099-01-01", "اختر يومًا قبل اليوم."), ("1990-01-01", "عشر"), ("2026-02-30", "2026-01-31")],
)
def test_a_day_that_cannot_be_counted_since_is_refused_and_kept(
    client, staff, computed, typed, message
):
    staff(client, MODERATORS)
    response = client.post(URL, {"since": typed})
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{typed}"' in page  # what was typed is kept
    assert not ComputedValue.objects.exists()


def test_the_indicators_listing_says_whether_each_is_published_in_arabic(client, staff, computed):
    make_indicator(slug="draft", name="مؤشر قيد الإعداد", live=False)
    staff(client, MODERATORS)
    listing = BeautifulSoup(
        client.get(reverse("wagtailsnippets_indicators_indicator:list")).content, "html.parser"
    )
    rows = {
        row.select_one("td a").get_text(strip=True): row.select("td")[-1].get_text(strip=True)
        for row in listing.select("tbody tr")
    }
    assert rows == {"الشهادات الصادرة": "نعم", "مؤشر قيد الإعداد": "لا"}
