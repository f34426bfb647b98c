import pytest
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
    """A logged-in client for a new account in the given groups: staff("Moderators")."""

    def make(client, *groups):
        user = StaffUserFactory(groups=list(groups))
        client.force_login(user)
        return user

    return make
