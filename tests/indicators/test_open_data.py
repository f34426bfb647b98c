"""Every published indicator as CSV and JSON at a stable address, in the API, with its licence."""

import csv
import io
import json
import re

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from tests.indicators.conftest import make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainees(indicators_page):
    return make_indicator(
        values=[("2024-12-31", 820), ("2025-12-31", 1250)],
        name='=HYPERLINK("x")',
        demo=True,
    )


def test_the_csv_has_the_documented_columns_one_value_a_row_safe_for_spreadsheets(client, trainees):
    response = client.get("/ar/open-data/trainees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "indicator",
        "name",
        "date",
        "group",
        "value",
        "unit",
        "computed",
        "demo_data",
        "source",
    ]
    assert [(r["date"], r["value"]) for r in rows] == [
        ("2024-12-31", "820"),
        ("2025-12-31", "1250"),
    ]
    assert rows[0]["demo_data"] == "true" and rows[0]["computed"] == "false"
    assert rows[0]["name"].startswith("'="), "a spreadsheet never runs it as a formula"
    assert 'rel="license"' in response["Link"]


def test_the_json_carries_the_definition_source_and_the_licence_of_the_site_settings(
    client, trainees
):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"data_licence": "ODbL", "data_licence_url": "https://example.org/odbl"}
    )
    document = json.loads(client.get("/ar/open-data/trainees.json").content)
    assert document["licence"] == {"name": "ODbL", "url": "https://example.org/odbl"}
    assert document["source"] == "سجلات فريق التدريب"
    assert [(v["date"], v["value"]) for v in document["values"]] == [
        ("2024-12-31", 820),
        ("2025-12-31", 1250),
    ]


def test_an_unpublished_or_unknown_indicator_has_no_file(client, indicators_page):
    make_indicator(slug="draft", values=[("2025-01-01", 5)], live=False)
    assert client.get("/ar/open-data/draft.csv").status_code == 404
    assert client.get("/ar/open-data/draft.json").status_code == 404
    assert client.get("/ar/open-data/nothing.csv").status_code == 404
    assert client.get("/ar/open-data/trainees.xml").status_code == 404


def test_the_api_lists_published_indicators_with_their_values(client, trainees):
    make_indicator(slug="draft", values=[("2025-01-01", 5)], live=False)
    listing = client.get("/api/v2/indicators/?locale=ar").json()
    assert [item["slug"] for item in listing["items"]] == ["trainees"]
    detail = client.get(f"/api/v2/indicators/{trainees.pk}/").json()
    assert detail["points"][-1] == {"date": "2025-12-31", "group": "", "value": 1250.0}
    assert detail["locale"] == "ar"


def test_the_data_page_lists_every_file_and_documents_the_columns(client, trainees):
    page = client.get("/ar/indicators/data/").content.decode()
    assert 'href="/ar/open-data/trainees.csv"' in page
    assert "<code>demo_data</code>" in page
    assert "CC BY 4.0" in page


def test_a_chart_of_one_value_is_described_as_that_value(client, indicators_page):
    """A screen reader heard "from 2025 (400) to 2025 (400)" for an indicator with one value."""
    make_indicator(values=[("2025-06-30", 400)])
    make_indicator(slug="members", name="الأعضاء", values=[("2024-12-31", 10), ("2025-12-31", 30)])
    page = client.get(indicators_page.url).content.decode()
    descriptions = re.findall(r"<desc[^>]*>([^<]*)</desc>", page)
    assert any(d.startswith("المتدربون: 400") and "2025" in d for d in descriptions)
    assert not any("المتدربون من" in d for d in descriptions)
    assert any(d.startswith("الأعضاء من 2024") for d in descriptions)


TRACKS = [("الاحتضان", 320), ("الاستقطاب", 200), ("التمكين", 480)]


def test_a_breakdown_s_table_reads_its_groups_in_the_chart_s_order_newest_date_first(
    client, indicators_page
):
    """The table is the chart for those who cannot see it: its groups came in reverse order."""
    values = [(date, track, n) for date in ("2025-12-31", "2026-06-30") for track, n in TRACKS]
    make_indicator(slug="by-track", kind="breakdown", values=values)
    page = client.get(indicators_page.url + "by-track/").content.decode()
    bars = re.findall(r"<text[^>]*>([^<0-9]+)</text>", page)
    assert bars == [track for track, _n in TRACKS]
    table = page[page.index("chart-table") :]
    cells = re.findall(r"<td[^>]*>(?:<time[^>]*>)?([^<]*)", table)
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    assert [(row[0], row[1]) for row in rows] == [
        (date, track) for date in ("30 يونيو 2026", "31 ديسمبر 2025") for track, _n in TRACKS
    ]
