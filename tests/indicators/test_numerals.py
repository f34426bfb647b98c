"""One style for numbers and dates (home/numerals.py), chosen in the site settings."""

import datetime
import re

import pytest
from django.utils import translation
from wagtail.models import Site

from home.models import SiteSettings
from home.numerals import (
    ARABIC_INDIC,
    LEVANTINE,
    Style,
    arabic_indic_text,
    file_size,
    latin_text,
    number,
    written_date,
)

DAY = datetime.date(2026, 1, 15)


def test_one_date_style_per_language_with_the_arabic_months_the_site_chose():
    with translation.override("ar"):
        assert written_date(DAY, Style()) == "15 يناير 2026"
        assert written_date(DAY, Style(months=LEVANTINE)) == "15 كانون الثاني 2026"
    with translation.override("en"):
        assert written_date(DAY, Style(months=LEVANTINE)) == "15 January 2026"
    with translation.override("fr"):
        assert written_date(DAY) == "15 janvier 2026"
        assert written_date(datetime.date(2028, 3, 1)) == "1er mars 2028"
        assert written_date(datetime.date(2028, 3, 11)) == "11 mars 2028"
    with translation.override("en"):
        assert written_date(datetime.date(2028, 3, 1)) == "1 March 2028"


def test_file_sizes_are_written_as_readers_write_them():
    with translation.override("ar"):
        assert file_size(10 * 1024 * 1024) == "10 ميغابايت"
        assert file_size(1536 * 1024) == "1.5 ميغابايت"
        assert file_size(750 * 1024) == "750 كيلوبايت"
    with translation.override("fr"):
        assert file_size(10 * 1024 * 1024) == "10 Mo"


def test_numbers_group_thousands_with_a_comma_and_decimals_with_a_point_in_arabic():
    with translation.override("ar"):
        assert number(1250) == "1,250"
        assert number(12.5) == "12.5"


def test_arabic_indic_digits_change_the_text_and_never_the_tags():
    html = (
        '<a href="/ar/news/2026/" data-n="3"><time datetime="2026-01-15">15 يناير 2026</time></a>'
        "<p>1,250 جمعية و12.5%</p><textarea>123</textarea><code>TMK-2026</code>"
    )
    out = arabic_indic_text(html)
    assert 'href="/ar/news/2026/"' in out and 'datetime="2026-01-15"' in out
    assert "١٥ يناير ٢٠٢٦" in out
    assert "١٬٢٥٠ جمعية و١٢٫٥%" in out
    assert "<textarea>123</textarea>" in out, "what a visitor typed is kept as typed"
    assert "<code>TMK-2026</code>" in out
    assert latin_text(out) == html, "and back, for a site that writes Latin digits"


def visible_digits(html):
    """The digits of the text a reader sees (tags, scripts, styles and code left out)."""
    text = re.sub(r"<(script|style|code|textarea)\b.*?</\1>|<[^>]*>", " ", html, flags=re.S)
    return set(re.findall(r"[0-9٠-٩]", text))


@pytest.mark.django_db
def test_switching_the_digits_setting_changes_every_number_of_an_arabic_page_and_back(
    client, indicators_page
):
    from tests.indicators.conftest import make_indicator

    make_indicator(
        name="المتدربون في ١٤ محافظة", values=[("2024-12-31", 820), ("2025-12-31", 1250)]
    )
    site = Site.objects.get(is_default_site=True)
    address = indicators_page.url + "trainees/"

    latin = client.get(address).content.decode()
    assert visible_digits(latin) <= set("0123456789")
    assert "1,250" in latin
    assert "المتدربون في 14 محافظة" in latin, "an editor's Arabic-Indic digits too"

    SiteSettings.objects.update_or_create(site=site, defaults={"arabic_digits": ARABIC_INDIC})
    indic = client.get(address).content.decode()
    assert visible_digits(indic) <= set("٠١٢٣٤٥٦٧٨٩"), "no Latin digit left in the page's text"
    assert "١٬٢٥٠" in indic
    assert "٣١ ديسمبر ٢٠٢٥" in indic
    assert re.search(r"<text[^>]*>٢٠٢٥</text>", indic), "the chart's labels too"
    assert 'href="/ar/open-data/trainees.csv"' in indic, "addresses keep their digits"

    english = client.get("/en/").content.decode()
    assert not set("٠١٢٣٤٥٦٧٨٩") & visible_digits(english)

    SiteSettings.objects.filter(site=site).update(arabic_digits="latin")
    SiteSettings.objects.get(site=site).save()  # as the admin saves it: the cache forgets
    assert visible_digits(client.get(address).content.decode()) <= set("0123456789")


@pytest.mark.django_db
def test_the_month_names_setting_changes_the_dates_of_arabic_pages(client, indicators_page):
    from tests.indicators.conftest import make_indicator

    make_indicator(values=[("2025-12-31", 10)])
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"arabic_months": LEVANTINE})
    page = client.get(indicators_page.url + "trainees/").content.decode()
    assert "31 كانون الأول 2025" in page
    assert "ديسمبر" not in page


@pytest.mark.django_db
def test_the_programme_page_promises_the_upload_limit_its_form_enforces(client, home):
    from tests.factories import (
        APPLICATION_FIELDS,
        ApplicationFormPageFactory,
        ProgrammeIndexPageFactory,
        ProgrammePageFactory,
    )

    steps = [
        (
            "step",
            {
                "title": "جهّزوا الوثائق",
                "text": "اجمعوها.",
                "documents": ["وثيقة"],
                "link_label": "",
            },
        )
    ]
    programme = ProgrammePageFactory(
        parent=ProgrammeIndexPageFactory(parent=home), joining_steps=steps
    )
    statutes = {"clean_name": "statutes", "label": "النظام الأساسي", "field_type": "file"}
    form = ApplicationFormPageFactory(
        parent=programme,
        fields=[
            *(f for f in APPLICATION_FIELDS if f["field_type"] != "file"),
            {**statutes, "max_upload_mb": 5},
        ],
    )
    programme.application_page = form
    programme.save_revision().publish()
    page = client.get(programme.url).content.decode()
    assert "بحجم أقصاه 5 ميغابايت للملف الواحد" in page
    assert "(DOCX)، بحجم أقصاه 5 ميغابايت." in client.get(form.url).content.decode()


@pytest.mark.django_db
def test_a_monthly_series_is_labelled_by_month_and_year_in_the_months_the_site_chose(
    client, indicators_page
):
    from tests.indicators.conftest import make_indicator

    make_indicator(values=[("2026-01-31", 10), ("2026-02-28", 14), ("2026-03-31", 20)])
    address = indicators_page.url + "trainees/"

    def axis():
        svg = client.get(address).content.decode()
        return re.findall(r"<text[^>]*>([^<]*\d{4})</text>", svg)

    assert axis() == ["يناير 2026", "فبراير 2026", "مارس 2026"]
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"arabic_months": LEVANTINE})
    # Longer names: the chart may leave out a middle label rather than run two into each other.
    levantine = axis()
    assert levantine[0] == "كانون الثاني 2026" and levantine[-1] == "آذار 2026"
    assert set(levantine) <= {"كانون الثاني 2026", "شباط 2026", "آذار 2026"}
