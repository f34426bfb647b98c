import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from home.roles import setup_roles
from tests.factories import ProgrammeIndexPageFactory, StaffUserFactory


@pytest.fixture
def groups(home):
    """The staff groups with their permissions, as `setup_roles` leaves them."""
    return setup_roles()


@pytest.fixture
def programmes(home):
    return ProgrammeIndexPageFactory(parent=home)


@pytest.fixture
def english_programmes(programmes, english_home):
    page = programmes.copy_for_translation(Locale.objects.get(language_code="en"))
    page.save_revision().publish()
    return page


@pytest.fixture
def staff(groups):
    """Log `client` in as a new account in the given groups: staff(client, roles.MODERATORS).

    The login is confirmed with a one-time code, as the admin asks of moderators.
    """

    def make(client, *groups):
        user = StaffUserFactory(groups=list(groups))
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return user

    return make
