"""What programmes tell the indicators: the governorates' names in each language (breakdowns are
stored with the default language's names). Registered in apps.py with home.figures."""

from wagtail.models import Locale

from .models import Region


def region_names(names, locale):
    """The regions' names in `locale`, for the default language's names in `names`."""
    keys = dict(
        Region.objects.filter(locale=Locale.get_default(), name__in=names).values_list(
            "translation_key", "name"
        )
    )
    translated = Region.objects.filter(locale=locale, translation_key__in=keys)
    return {keys[key]: name for key, name in translated.values_list("translation_key", "name")}
