from django.conf import settings
from django.utils import translation

from config.catalogues import gaps


def test_arabic_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert gaps(str(settings.BASE_DIR / "site/locale/ar/LC_MESSAGES/django.po")) == []


def test_compiled_arabic_catalogue_is_used():
    with translation.override("ar"):
        assert translation.gettext("Skip to main content") == "انتقل إلى المحتوى الرئيسي"
        assert translation.gettext("Tamkeen") == "تمكين"
