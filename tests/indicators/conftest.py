import datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale

from indicators.models import Indicator, IndicatorIndexPage, IndicatorValue


@pytest.fixture
def indicators_page(home):
    page = home.add_child(
        instance=IndicatorIndexPage(
            title="المؤشرات", slug="indicators", intro="<p>أرقام البرنامج.</p>"
        )
    )
    page.save_revision().publish()
    return page


def make_indicator(slug="trainees", values=(), live=True, **fields):
    """An Arabic indicator with its values: (date, value) or (date, group, value)."""
    data = {
        "name": "المتدربون",
        "unit_label": "متدرب",
        "definition": "عدد من أتموا التدريب.",
        "source": "سجلات فريق التدريب",
        "locale": Locale.get_default(),
        **fields,
    }
    indicator = Indicator(slug=slug, live=live, **data)
    indicator.values = [
        IndicatorValue(
            date=datetime.date.fromisoformat(v[0]),
            category=v[1] if len(v) == 3 else "",
            value=Decimal(str(v[-1])),
        )
        for v in values
    ]
    indicator.save()
    if live:
        indicator.save_revision().publish()
    return indicator
