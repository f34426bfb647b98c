import pytest
from wagtail.models import Locale

from tests.factories import ProgrammeIndexPageFactory


@pytest.fixture
def programmes(home):
    return ProgrammeIndexPageFactory(parent=home)


@pytest.fixture
def english_programmes(programmes, english_home):
    page = programmes.copy_for_translation(Locale.objects.get(language_code="en"))
    page.save_revision().publish()
    return page
