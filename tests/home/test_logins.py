"""Admin logins: guessing passwords is stopped, and moderators confirm logins with a code."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from home import roles
from home.roles import setup_roles
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long demo passphrase 42"


def log_in(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def code(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


@pytest.mark.parametrize(
    ("language", "username", "password"),
    [("ar", "اسم المستخدم", "كلمة المرور"), ("fr", "Nom d’utilisateur", "Mot de passe")],
)
def test_the_sign_in_form_is_labelled_in_the_admins_language(client, language, username, password):
    page = BeautifulSoup(
        client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language).content,
        "html.parser",
    )
    labels = [page.find("label", {"for": f"id_{name}"}) for name in ("username", "password")]
    assert [label.find(string=True).strip() for label in labels] == [username, password]


def test_a_right_password_logs_in(client):
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_repeated_wrong_passwords_lock_the_account_out(client):
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor", "guess").status_code == 200
    locked = log_in(client, "editor", "guess")
    assert locked.status_code == 429
    # Even the right password is refused until the cool-off ends.
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert 'data-testid="lockout"' in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_lockout_is_per_account_and_address(client):
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    StaffUserFactory(username="other", groups=[roles.SECTIONS["news"].editors])
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "guess")
    assert log_in(client, "other", PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_a_lockout_is_per_visitor(client, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    login = reverse("wagtailadmin_login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            login, {"username": "editor", "password": "guess"}, HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
    locked = client.post(
        login, {"username": "editor", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert locked.status_code == 429
    # The editor at another address behind the same proxy still logs in.
    response = client.post(
        login, {"username": "editor", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302


def test_addresses_forged_in_front_of_the_proxy_do_not_escape_the_lockout(client, settings):
    """The proxy appends the address it sees; the guesser writes a new one in front each time."""
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    login = reverse("wagtailadmin_login")

    def log_in_from(attempt, password):
        return client.post(
            login,
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 198.51.100.7",
        )

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_from(attempt, "guess")
    assert log_in_from(99, PASSWORD).status_code == 429
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_moderator_sets_up_a_code_before_using_the_admin(client):
    StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    log_in(client, "moderator", PASSWORD)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor"))

    page = client.get(response.url)
    assert 'data-testid="two-factor-qr"' in page.content.decode()
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="moderator", confirmed=False)

    wrong = str((int(code(device)) + 500_000) % 1_000_000).zfill(6)
    assert client.post(reverse("two_factor"), {"code": wrong}).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    # A wrong code slows the next tries down; start this one afresh.
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(
        reverse("two_factor"), {"code": code(device), "next": reverse("wagtailadmin_home")}
    )
    # Backup codes are shown once, on the way to the page asked for.
    assert done.status_code == 302
    assert done.url == f"{reverse('two_factor_backup_codes')}?next={reverse('wagtailadmin_home')}"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_an_enrolled_moderator_enters_a_code_at_each_login(client):
    user = StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, "moderator", PASSWORD)
    page = client.get(reverse("two_factor"))
    assert 'data-testid="two-factor-qr"' not in page.content.decode()
    client.post(reverse("two_factor"), {"code": code(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_required_groups_are_a_setting(client, settings):
    settings.TWO_FACTOR_REQUIRED_GROUPS = [roles.TRANSLATORS]
    StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    StaffUserFactory(username="translator", groups=[roles.TRANSLATORS])
    log_in(client, "moderator", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()
    log_in(client, "translator", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_superusers_need_a_code_when_the_setting_says_so(client, settings, django_user_model):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    django_user_model.objects.create_superuser("root", "root@tamkeen.example", PASSWORD)
    log_in(client, "root", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).url.startswith(reverse("two_factor"))


def test_an_editor_is_not_asked_for_a_code(client):
    StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    log_in(client, "editor", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_the_public_site_never_asks_for_a_code(client, home):
    StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    log_in(client, "moderator", PASSWORD)
    assert client.get(home.url).status_code == 200


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_with_redis_sessions_are_cached_there_and_kept_in_the_database(settings_from):
    assert not hasattr(settings_from(REDIS_URL=""), "SESSION_ENGINE")
    shared = settings_from(REDIS_URL="redis://cache.internal:6379/0")
    assert shared.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_a_confirmed_login_outlives_a_cache_flush(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    user = StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, "moderator", PASSWORD)
    client.post(reverse("two_factor"), {"code": code(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    cache.clear()  # Redis restarted or flushed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_logins_and_failed_logins_are_in_the_site_history(client):
    user = StaffUserFactory(username="editor", groups=[roles.SECTIONS["news"].editors])
    log_in(client, "editor", "guess")
    log_in(client, "editor", PASSWORD)
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(user.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["home.login_failed", "home.login"]
    admin = StaffUserFactory(groups=[roles.SITE_ADMINISTRATORS])
    setup_roles()
    client.force_login(admin)
    session = client.session
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
    assert "أُدخلت كلمة مرور خاطئة" in history.content.decode()


def test_a_moderator_without_a_code_can_still_log_out(client):
    StaffUserFactory(username="moderator", groups=[roles.MODERATORS])
    log_in(client, "moderator", PASSWORD)
    page = client.get(reverse("two_factor")).content.decode()
    assert f'action="{reverse("wagtailadmin_logout")}"' in page
    client.post(reverse("wagtailadmin_logout"))
    assert client.get(reverse("two_factor")).url.startswith(reverse("wagtailadmin_login"))
