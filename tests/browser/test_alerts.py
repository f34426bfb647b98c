import pytest
from playwright.sync_api import expect

from alerts import tokens
from alerts.models import Alert, Subscriber

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


def test_a_visitor_chooses_what_to_follow_from_the_footer(page, demo_site, assert_accessible):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/ar/")
    page.locator("footer").get_by_role("link", name="اختر تنبيهاتك بالبريد الإلكتروني").click()
    chooser = page.get_by_role("group", name="بماذا تريد أن نُعلمك؟")
    expect(chooser.get_by_role("group", name="برامج لم يُفتح التقديم إليها بعد")).to_be_visible()
    page.get_by_label("عنوان بريدك الإلكتروني").fill("visitor@example.org")
    page.get_by_role("button", name="أعلمني").click()
    # Nothing chosen: asked to choose, the address kept.
    expect(page.locator(".error-summary")).to_contain_text("اختر ما تريد أن نُعلمك به.")
    expect(page.get_by_label("عنوان بريدك الإلكتروني")).to_have_value("visitor@example.org")
    assert_accessible(page)
    chooser.get_by_role("radio", name="مسار المتطوعين الرقميين في مبادرة «المجتمع الذكي»").check()
    page.get_by_role("button", name="أعلمني").click()
    expect(page.get_by_test_id("alert-sent")).to_contain_text("تفقّد بريدك الإلكتروني")
    alert = Alert.objects.get(subscriber__email="visitor@example.org")
    assert alert.programme.url_path.endswith("/smart-society-volunteers/")


def test_an_address_adds_an_alert_from_its_own_page(page, demo_site, assert_accessible):
    subscriber = Subscriber.objects.create(email="visitor@example.org", language="ar")
    page.goto(f"/ar/alerts/manage/{tokens.manage_token(subscriber)}/")
    assert_accessible(page)
    page.get_by_role("radio", name="التدريب", exact=True).check()
    page.get_by_role("button", name="أضف هذا التنبيه").click()
    expect(page.get_by_test_id("alert-added")).to_have_text("أُضيف التنبيه، وتجده في القائمة أدناه.")
    expect(page.locator(".alert-list")).to_contain_text("التدريب")
    assert_accessible(page)
    assert Alert.objects.get(subscriber=subscriber).confirmed_at is not None


def test_a_visitor_on_a_phone_asks_for_new_trainings_only(page, demo_site, assert_accessible):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/ar/events/")
    form = page.get_by_test_id("alert-form")
    which = form.get_by_label("أي الفعاليات؟")
    expect(which).to_have_value("all")
    which.select_option(label="الدورات التدريبية الجديدة")
    form.get_by_label("عنوان بريدك الإلكتروني").fill("visitor@example.org")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    form.get_by_role("button", name="أعلمني").click()
    expect(page.get_by_test_id("alert-sent")).to_contain_text("تفقّد بريدك الإلكتروني")
    alert = Alert.objects.get(subscriber__email="visitor@example.org")
    assert (alert.kind, alert.event_kind) == ("events", "training")
