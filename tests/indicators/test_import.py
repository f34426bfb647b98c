"""An indicators file that the site cannot take is refused whole, saying where and why."""

import pytest
from django.core.management import CommandError

from indicators.models import Indicator
from tests.importing import import_file

pytestmark = pytest.mark.django_db

GOOD = {
    "slug": "trainees",
    "name": "المتدربون",
    "unit": "count",
    "kind": "series",
    "definition": "عدد من أتموا التدريب.",
    "source": "سجلات فريق التدريب",
    "values": [{"date": "2025-12-31", "value": 120}],
}


def import_indicators(tmp_path, *indicators):
    item = {
        "type": "indicators",
        "locale": "ar",
        "slug": "indicators",
        "title": "المؤشرات",
        "indicators": list(indicators),
    }
    import_file(tmp_path, [item])


def test_a_good_file_publishes_its_indicators(tmp_path, home):
    import_indicators(tmp_path, GOOD)
    assert [i.points[0]["value"] for i in Indicator.objects.filter(slug="trainees")] == [120]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"definition": ""}, "indicator 2: 'definition' is required"),
        ({"name": ["المتدربون"]}, "indicator 2: 'name' must be a string"),
        ({"unit": "kilograms"}, "indicator 2: 'unit' or 'kind' is not one the site knows"),
        ({"computation": "guesswork"}, "indicator 2: unknown computation 'guesswork'"),
        (
            {"computation": "certificates_issued"},
            "indicator 2: a computed indicator takes no typed values",
        ),
        ({"values": ["120"]}, "indicator 2, value 1 must be an object"),
        ({"values": [{"date": "31/12/2025", "value": 1}]}, "'date' must be a date as YYYY-MM-DD"),
        ({"values": [{"date": "2999-12-31", "value": 1}]}, "the date 2999-12-31 is in the future"),
        ({"values": [{"date": "2025-12-31", "value": "many"}]}, "'value' must be a number"),
        # What the admin refuses too, rather than failing (or rounding) as the file is written.
        ({"values": [{"date": "2025-12-31", "value": "NaN"}]}, "'value' NaN cannot be kept"),
        ({"values": [{"date": "2025-12-31", "value": 1e400}]}, "'value' Infinity cannot be kept"),
        ({"values": [{"date": "2025-12-31", "value": 10**20}]}, "cannot be kept"),
        (
            {"unit": "percent", "values": [{"date": "2025-12-31", "value": 12.345}]},
            "'value' 12.345 cannot be kept",
        ),
        (
            {"kind": "breakdown", "values": [{"date": "2025-12-31", "value": 3}]},
            "a breakdown needs the 'group' of each value",
        ),
    ],
)
def test_a_broken_indicator_is_refused_with_where_and_why_and_nothing_is_written(
    tmp_path, home, change, message
):
    with pytest.raises(CommandError) as error:
        import_indicators(tmp_path, {**GOOD, "slug": "first"}, {**GOOD, **change})
    assert message in str(error.value)
    assert "nothing from this file was written" in str(error.value)
    assert not Indicator.objects.exists()
