import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from programmes.models import ProgrammePage, Region

pytestmark = pytest.mark.django_db


def check():
    call_command("check_translations", stdout=(out := StringIO()))
    return out.getvalue()


def test_the_demo_has_no_drift_and_a_changed_fact_is_listed(demo):
    assert "Every translation shares its source's synchronised facts" in check()

    english = ProgrammePage.objects.get(
        locale__language_code="en", slug="empowering-tech-organisations"
    )
    english.opens = datetime.date(2026, 1, 1)
    english.save()
    english.regions.set(Region.objects.filter(locale__language_code="ar", slug="damascus"))
    english.save()

    out = StringIO()
    with pytest.raises(CommandError, match="2 synchronised value"):
        call_command("check_translations", stdout=out)
    listed = out.getvalue()
    assert "en" in listed and "Empowering existing tech organisations" in listed
    assert "opens is “2026-01-01”, the source has “2028-03-01”" in listed
    assert "regions is “" in listed
