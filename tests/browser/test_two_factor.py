"""Two-step login in the Arabic admin as staff live it: enrolment, a code, a lost phone, a reset."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from home import roles
from home.roles import setup_roles
from home.twofactor import make_backup_codes
from tests.browser import staff
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff_site(arabic, transactional_db):
    """The migrated site with its staff groups, without the demo content (see `demo_site`)."""
    setup_roles()


@pytest.fixture
def arabic(new_context):
    """Pages in fresh browsers whose preferred language is Arabic: arabic() → page.

    The first is opened at once, as the `page` fixture does before `demo_site`.
    """

    def new_page():
        return new_context(locale="ar-SY").new_page()

    opened = [new_page()]
    return lambda: opened.pop() if opened else new_page()


def app_code(user, steps_ahead=0):
    """What the user's authenticator app shows (`steps_ahead` codes later)."""
    device = TOTPDevice.objects.get(user=user)
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_ahead,
    )
    return str(code).zfill(device.digits)


def log_in(page, username):
    staff.log_in(page, username, lands_on="**/admin/two-factor/**")


def give_code(page, code):
    page.locator("#id_code").fill(code)
    page.locator("[data-testid=two-factor-form] button[type=submit]").click()


def on_dashboard(page):
    page.wait_for_url("**/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#main")).to_be_visible()


def test_a_moderator_enrols_then_logs_in_with_a_code_and_after_losing_the_phone(
    staff_site, arabic, assert_accessible
):
    moderator = StaffUserFactory(username="mushrif", groups=[roles.MODERATORS])

    # First login: enrolment, once, on a page that shows one card.
    page = arabic()
    log_in(page, "mushrif")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("إعداد الدخول بخطوتين")
    expect(page.locator("[data-testid=two-factor-form]")).to_have_count(1)
    expect(page.locator("[data-testid=two-factor-qr] svg")).to_be_visible()
    assert_accessible(page)
    give_code(page, app_code(moderator))
    page.wait_for_url("**/admin/two-factor/backup-codes/**")
    codes = page.locator("[data-testid=backup-codes] code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.locator("[data-testid=continue]").click()
    on_dashboard(page)

    # A later login: the code from the app.
    page = arabic()
    log_in(page, "mushrif")
    expect(page.locator("h1")).to_have_text("تأكيد تسجيل الدخول")
    expect(page.locator("[data-testid=two-factor-form]")).to_have_count(1)
    assert_accessible(page)
    give_code(page, app_code(moderator, steps_ahead=1))
    on_dashboard(page)

    # The phone is lost: a backup code lets the moderator in, once.
    page = arabic()
    log_in(page, "mushrif")
    page.locator("[data-testid=use-backup-code]").click()
    expect(page.locator("label[for=id_code]")).to_contain_text("الرمز الاحتياطي")
    give_code(page, "wrong-code")
    # Shown, not only written: Wagtail's login styles hide a field's errors on this page.
    expect(page.get_by_role("alert")).to_contain_text("غير صحيح أو سبق استخدامه")
    expect(page.get_by_role("alert")).to_be_visible()
    # Below the page's guidance, not laid over it as Wagtail's messages box was on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    guidance = page.locator("#main > p.help-block").first.bounding_box()
    message = page.get_by_role("alert").get_by_text("غير صحيح أو سبق استخدامه").bounding_box()
    assert message["y"] >= guidance["y"] + guidance["height"]
    assert_accessible(page)
    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    give_code(page, codes[0])
    on_dashboard(page)
    expect(page.locator("body")).to_contain_text("سجّلت الدخول برمز احتياطي")


def test_an_administrator_resets_a_colleague_who_then_enrols_again(staff_site, arabic):
    administrator = StaffUserFactory(username="mudir", groups=[roles.SITE_ADMINISTRATORS])
    TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    colleague = StaffUserFactory(username="mushrif", groups=[roles.MODERATORS])
    TOTPDevice.objects.create(user=colleague, name="app", confirmed=True)
    make_backup_codes(colleague)

    page = arabic()
    log_in(page, "mudir")
    give_code(page, app_code(administrator))
    on_dashboard(page)
    page.goto("/admin/users/")
    row = page.locator(f"tbody tr:has([data-object-id='{colleague.pk}'])")
    row.locator("[data-w-dropdown-target=toggle]").click()
    page.locator(f'a[href="/admin/two-factor/reset/{colleague.pk}/"]').click()
    expect(page.locator("#main")).to_contain_text("mushrif")
    page.locator("[data-testid=confirm-reset]").click()
    page.wait_for_url("**/admin/users/")
    expect(page.locator("body")).to_contain_text("أُعيد ضبط الدخول بخطوتين للمستخدم mushrif")
    assert ModelLogEntry.objects.filter(
        action="home.two_factor_reset", object_id=str(colleague.pk), user=administrator
    ).exists()
    page.goto("/admin/reports/site-history/")
    expect(page.locator("#main")).to_contain_text("أُعيد ضبط الدخول بخطوتين")

    page = arabic()
    log_in(page, "mushrif")
    expect(page.locator("h1")).to_have_text("إعداد الدخول بخطوتين")
    give_code(page, app_code(colleague))
    page.wait_for_url("**/admin/two-factor/backup-codes/**")
    page.locator("[data-testid=continue]").click()
    on_dashboard(page)
