import pytest
from playwright.sync_api import expect

from alerts.models import Alert

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANNOUNCED = "/ar/programmes/smart-society-volunteers/"


def test_a_visitor_asks_to_be_told_in_arabic_with_the_keyboard(page, demo_site, assert_accessible):
    page.goto(ANNOUNCED)
    expect(page.locator("[data-status=announced] .state-badge")).to_have_text("معلَن")
    form = page.get_by_test_id("alert-form")
    expect(form).to_contain_text("أعلمني عند فتح التقديم")
    assert_accessible(page)
    form.get_by_label("عنوان بريدك الإلكتروني").fill("visitor@example.org")
    form.get_by_label("عنوان بريدك الإلكتروني").press("Enter")
    expect(page.get_by_test_id("alert-sent")).to_contain_text("تفقّد بريدك الإلكتروني")
    assert_accessible(page)
    assert Alert.objects.filter(subscriber__email="visitor@example.org").count() == 1


def test_the_alert_form_with_an_error_keeps_what_was_typed(page, demo_site, assert_accessible):
    page.goto(ANNOUNCED)
    target = page.get_by_test_id("alert-form").locator("input[name=target]").get_attribute("value")
    page.goto(f"/ar/alerts/?kind=programme&target={target}")
    page.get_by_label("عنوان بريدك الإلكتروني").fill("not-an-address")
    page.get_by_role("button", name="أعلمني").click()
    expect(page.locator(".error-summary")).to_contain_text("name@example.org")
    expect(page.get_by_label("عنوان بريدك الإلكتروني")).to_have_value("not-an-address")
    assert_accessible(page)
    assert not Alert.objects.exists()
