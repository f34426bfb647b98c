"""A new visitor, in Arabic on a phone, goes from the home page's figures to a chart, its table,
its source and its CSV; the indicators page, an indicator and the survey results pass axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def test_from_the_home_figures_to_a_chart_its_table_its_source_and_its_csv(
    demo_site, page, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto("/ar/")
    figures = page.locator(".key-figures")
    expect(figures.get_by_role("heading", name="البرنامج بالأرقام")).to_be_visible()
    expect(figures).to_contain_text("حتى 31 ديسمبر 2025")
    figures.get_by_role("link", name="الجمعيات المستفيدة من البرنامج").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("الجمعيات المستفيدة من البرنامج")
    expect(page.get_by_role("img", name="الجمعيات المستفيدة من البرنامج")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("أرقام مخترعة")
    table = page.get_by_role("table", name="الجمعيات المستفيدة من البرنامج")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(6)
    expect(page.locator("dl")).to_contain_text("سجلات فريق متابعة البرنامج")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    with page.expect_download() as download:
        page.evaluate(
            "() => { const a = document.querySelector('a[type=\"text/csv\"]');"
            " a.setAttribute('download', ''); a.click(); }"
        )
    csv = download.value.path().read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("indicator,name,date,group,value")
    assert "2025-12-31,,214,count" in csv


def test_the_indicators_page_and_the_survey_results_pass_axe_in_arabic_on_a_phone(
    demo_site, page, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto("/ar/indicators/")
    expect(page.get_by_role("heading", level=1)).to_have_text("المؤشرات")
    expect(page.locator("svg.chart")).to_have_count(9)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.get_by_role("link", name="نتائج استبيان الاحتياجات الرقمية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("نتائج استبيان الاحتياجات الرقمية")
    expect(page.get_by_role("note").first).to_contain_text("لا تُعرض الفئات")
    # A demo answer written to the survey.
    expect(page.get_by_text("نرجو أن تكون المواد التدريبية", exact=False)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def test_an_indicator_s_downloads_read_right_to_left_in_arabic(demo_site, page):
    """CSV then JSON, as the Arabic line reads: before, the two Latin names made one left-to-right
    run, so JSON came first from the right, and on a phone the separator between them was left
    beside another ("· · CSV")."""
    page.set_viewport_size(PHONE)
    page.goto("/ar/indicators/")
    for meta in page.locator(".chart-meta").all():
        csv = meta.get_by_role("link", name="CSV").bounding_box()
        json = meta.get_by_role("link", name="JSON").bounding_box()
        if abs(csv["y"] - json["y"]) < 1:  # on one line: CSV is further right
            assert csv["x"] > json["x"] + json["width"]
        else:  # JSON went down to the next line
            assert json["y"] > csv["y"]
