"""Two-step login that a person gets through: only pages lead to the code page, backup codes
stand in for a lost phone, and a site administrator can reset a colleague's two-step login."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from home import roles
from home.twofactor import make_backup_codes
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long demo passphrase 42"
ADMIN = "/admin/"
PAGE = {"HTTP_ACCEPT": "text/html,application/xhtml+xml", "HTTP_SEC_FETCH_MODE": "navigate"}


def code(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def fresh(device):
    """Forget earlier wrong tries, which make the next try wait."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


@pytest.fixture
def moderator(client, groups):
    """A moderator with an authenticator app, signed in with the password only."""
    user = StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    return device


def backup_codes_of(user):
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def confirm(client, data):
    return client.post(reverse("two_factor"), data)


# Only page requests are sent to the code page.


def test_a_page_is_sent_to_the_code_page_with_its_address(client, moderator):
    response = client.get("/admin/pages/?ordering=title", **PAGE)
    assert response.status_code == 302
    assert response.url == f"{reverse('two_factor')}?next=/admin/pages/%3Fordering%3Dtitle"


def test_the_icon_sprite_and_the_javascript_catalogue_are_served_not_redirected(client, moderator):
    sprite = client.get(f"{reverse('wagtailadmin_sprite')}?h=abc", HTTP_ACCEPT="*/*")
    assert sprite.status_code == 200
    assert b"<svg" in sprite.content
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT="*/*")
    assert catalogue.status_code == 200
    assert "javascript" in catalogue["Content-Type"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest", "HTTP_ACCEPT": "text/html"},
        {"HTTP_ACCEPT": "*/*", "HTTP_SEC_FETCH_MODE": "cors"},
        {"HTTP_ACCEPT": "text/html", "HTTP_SEC_FETCH_MODE": "no-cors"},
    ],
    ids=["json", "xhr", "fetch", "script"],
)
def test_other_requests_are_refused_without_a_redirect(client, moderator, headers):
    response = client.get("/admin/pages/search/?q=x", **headers)
    assert response.status_code == 403
    assert "Location" not in response


def test_a_form_posted_without_the_code_is_refused(client, moderator):
    assert client.post("/admin/pages/1/edit/", {"title": "x"}).status_code == 403


def test_the_code_page_has_one_form_for_the_code(client, moderator):
    page = client.get(f"{reverse('two_factor')}?next={ADMIN}", **PAGE).content.decode()
    assert page.count('data-testid="two-factor-form"') == 1
    assert page.count('name="code"') == 1
    assert f'name="next" value="{ADMIN}"' in page


def test_a_right_code_leads_to_next(client, moderator):
    response = confirm(client, {"code": code(moderator), "next": "/admin/account/"})
    assert response.status_code == 302 and response.url == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    [
        "/admin/sprite/?h=1f2e",
        "/admin/jsi18n/",
        "https://elsewhere.example/admin/",
        "//elsewhere.example/",
        "/admin/two-factor/",
    ],
)
def test_a_code_never_leads_to_the_sprite_the_catalogue_or_another_site(
    client, moderator, next_url
):
    response = confirm(client, {"code": code(moderator), "next": next_url})
    assert response.status_code == 302 and response.url == ADMIN


def test_a_used_code_is_refused_with_its_reason(client, moderator):
    right = code(moderator)
    confirm(client, {"code": right})
    client.logout()
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    again = confirm(client, {"code": right})
    assert again.status_code == 200
    assert "استُخدم هذا الرمز من قبل" in again.content.decode()
    assert client.get(ADMIN, **PAGE).status_code == 302


def test_a_wrong_code_is_refused_in_arabic(client, moderator):
    wrong = str((int(code(moderator)) + 500_000) % 1_000_000).zfill(6)
    response = confirm(client, {"code": wrong})
    assert "هذا الرمز غير صحيح" in response.content.decode()


def test_a_code_typed_in_arabic_indic_digits_is_accepted(client, moderator):
    arabic = code(moderator).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert confirm(client, {"code": arabic}).url == ADMIN


# Backup codes.


def test_enrolment_shows_backup_codes_once(client, groups):
    user = StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=user)
    response = confirm(client, {"code": code(device), "next": "/admin/account/"})
    assert response.url == f"{reverse('two_factor_backup_codes')}?next=/admin/account/"

    shown = client.get(response.url).content.decode()
    codes = backup_codes_of(user)
    assert len(codes) == 10
    for token in codes:
        assert f"{token[:4]}-{token[4:]}" in shown
    assert 'href="/admin/account/"' in shown
    again = client.get(response.url).content.decode()
    assert not any(token[:4] + "-" in again for token in codes)
    assert "الرموز الاحتياطية المتبقية: 10" in again


def test_a_backup_code_logs_in_once(client, moderator):
    codes = make_backup_codes(moderator.user)
    response = confirm(client, {"code": codes[0].upper(), "backup": "1", "next": "/admin/account/"})
    assert response.status_code == 302 and response.url == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    assert codes[0] not in backup_codes_of(moderator.user)

    client.logout()
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    twice = confirm(client, {"code": codes[0], "backup": "1"})
    assert twice.status_code == 200
    assert "أو سبق استخدامه" in twice.content.decode()
    assert client.get(ADMIN, **PAGE).status_code == 302
    # Another of the codes still works, typed with a space instead of the dash.
    fresh(StaticDevice.objects.get(user=moderator.user))
    spaced = f"{codes[1][:4]} {codes[1][4:]}"
    assert confirm(client, {"code": spaced, "backup": "1"}).status_code == 302


def test_the_code_page_offers_a_backup_code(client, moderator):
    page = client.get(f"{reverse('two_factor')}?next={ADMIN}", **PAGE).content.decode()
    assert 'data-testid="use-backup-code"' in page
    backup = client.get(f"{reverse('two_factor')}?backup=1&next={ADMIN}").content.decode()
    assert 'name="backup" value="1"' in backup
    assert "الرمز الاحتياطي" in backup


def test_new_backup_codes_replace_the_old_ones(client, moderator):
    old = make_backup_codes(moderator.user)
    confirm(client, {"code": code(moderator)})
    made = client.post(reverse("two_factor_backup_codes"), {"next": ADMIN})
    assert made.status_code == 302
    shown = client.get(made.url).content.decode()
    new = backup_codes_of(moderator.user)
    assert len(new) == 10 and not set(new) & set(old)
    assert f"{new[0][:4]}-{new[0][4:]}" in shown

    client.logout()
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    assert confirm(client, {"code": old[0], "backup": "1"}).status_code == 200
    assert client.get(ADMIN, **PAGE).status_code == 302


def test_backup_codes_cannot_be_made_before_the_login_is_confirmed(client, moderator):
    assert client.post(reverse("two_factor_backup_codes")).status_code == 403
    assert not StaticDevice.objects.exists()


# A site administrator resets a colleague's two-step login.


@pytest.fixture
def administrator(client, staff):
    return staff(client, roles.SITE_ADMINISTRATORS)


def test_an_administrator_resets_a_colleague_who_then_enrols_again(client, administrator, groups):
    colleague = StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    TOTPDevice.objects.create(user=colleague, name="app", confirmed=True)
    make_backup_codes(colleague)
    users = client.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("two_factor_reset", args=[colleague.pk])
    assert reset_url in users

    confirmation = client.get(reset_url)
    assert confirmation.status_code == 200
    assert 'data-testid="confirm-reset"' in confirmation.content.decode()
    assert TOTPDevice.objects.filter(user=colleague).exists()

    done = client.post(reset_url)
    assert done.url == reverse("wagtailusers_users:index")
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()

    entry = ModelLogEntry.objects.get(action="home.two_factor_reset")
    assert entry.object_id == str(colleague.pk) and entry.user == administrator
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "أُعيد ضبط الدخول بخطوتين" in history

    client.logout()
    client.post(reverse("wagtailadmin_login"), {"username": "moderator", "password": PASSWORD})
    enrol = client.get(client.get(ADMIN, **PAGE).url).content.decode()
    assert 'data-testid="two-factor-qr"' in enrol


def test_someone_who_is_not_an_administrator_cannot_reset(client, staff, groups):
    colleague = StaffUserFactory(groups=[roles.MODERATORS])
    TOTPDevice.objects.create(user=colleague, name="app", confirmed=True)
    staff(client, roles.MODERATORS)
    reset_url = reverse("two_factor_reset", args=[colleague.pk])
    assert reset_url not in client.get(reverse("wagtailadmin_home")).content.decode()
    for response in (client.get(reset_url), client.post(reset_url)):
        assert response.status_code == 403
        assert "مدير الموقع" in response.content.decode()
    assert TOTPDevice.objects.filter(user=colleague).exists()
    assert not ModelLogEntry.objects.filter(action="home.two_factor_reset").exists()


def test_only_a_superuser_resets_a_superuser(client, administrator, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@tamkeen.example", PASSWORD)
    TOTPDevice.objects.create(user=root, name="app", confirmed=True)
    assert client.post(reverse("two_factor_reset", args=[root.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=root).exists()


def test_an_administrator_who_owes_a_code_cannot_reset(client, groups):
    StaffUserFactory(username="chief", groups=[roles.SITE_ADMINISTRATORS])
    colleague = StaffUserFactory(groups=[roles.MODERATORS])
    TOTPDevice.objects.create(user=colleague, name="app", confirmed=True)
    client.post(reverse("wagtailadmin_login"), {"username": "chief", "password": PASSWORD})
    response = client.post(reverse("two_factor_reset", args=[colleague.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=colleague).exists()
