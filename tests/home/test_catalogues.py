import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import PageLogEntry

from config.catalogues import gaps


def test_arabic_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert gaps(str(settings.BASE_DIR / "site/locale/ar/LC_MESSAGES/django.po")) == []


def test_compiled_arabic_catalogue_is_used():
    with translation.override("ar"):
        assert translation.gettext("Skip to main content") == "انتقل إلى المحتوى الرئيسي"
        assert translation.gettext("Tamkeen") == "تمكين"


@pytest.mark.django_db
def test_a_pages_history_says_in_arabic_that_its_publication_was_scheduled(home):
    """Wagtail's Arabic catalogue lacks these words; the site's supplies them."""
    scheduled = PageLogEntry.objects.log_action(home, "wagtail.publish.schedule", data={})
    cancelled = PageLogEntry.objects.log_action(home, "wagtail.schedule.cancel", data={})
    with translation.override("ar"):
        assert scheduled.message.startswith("تمت جدولة نشر")
        assert cancelled.message.startswith("أُلغيت جدولة نشر")
