"""The demo's learners: `make run` shows certificates issued over the past weeks, which anyone
can check, and the indicator of certificates issued charts them as they came."""

import pytest
from bs4 import BeautifulSoup

from indicators.models import Indicator
from learning.models import Certificate, LearningIndexPage

pytestmark = pytest.mark.django_db


def test_the_demo_certificates_check_out_and_the_indicator_charts_them_as_they_came(client, demo):
    certificates = Certificate.objects.order_by("issued_at")
    assert certificates.count() == 15
    first, last = certificates.first(), certificates.last()
    assert (last.issued_at - first.issued_at).days >= 28
    catalogue = LearningIndexPage.objects.get(locale__language_code="ar")
    checked = BeautifulSoup(
        client.get(catalogue.url + "verify/", {"code": first.code}).content, "html.parser"
    ).get_text(" ", strip=True)
    assert "ريم الحسن" in checked and "أساسيات الأمن السيبراني للمنظمات" in checked

    issued = Indicator.objects.get(slug="certificates-issued", locale__language_code="ar")
    values = [point["value"] for point in issued.points]
    assert values[-1] == 15 and values == sorted(values) and values[0] < values[-1]
