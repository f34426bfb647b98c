"""Figures the site computes from its own data, for the indicators that editors publish.

Each feature app registers what it can count in its AppConfig.ready(), as it registers its blocks:
applications counts applications, learning counts completions and certificates, and an app added
later (volunteering, event attendance) registers its own. The indicators read this registry and
never the apps themselves.
"""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from wagtail.models import Locale


class Computation(NamedTuple):
    label: str
    unit: str  # "count", "percent", "hours"
    # (programme page or None) -> [(category, value)]; category "" for the total. A series also
    # takes `until`, a past day: the figure as it stood at that day's end (`end_of`), so that
    # its history can be counted once the site has the records (compute_indicators --since).
    compute: Callable
    # True when it gives one value per category (governorate, module...), drawn as bars: counted
    # for now only.
    breakdown: bool = False


COMPUTATIONS: dict[str, Computation] = {}


def register_computation(key, label, compute, unit="count", breakdown=False):
    COMPUTATIONS[key] = Computation(label, unit, compute, breakdown)


def end_of(day):
    """The first moment after `day` in the site's time zone: things "as they stood at the end of
    `day`" are those before it."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(1), datetime.time())
    )


def computation_choices():
    return [(key, computation.label) for key, computation in COMPUTATIONS.items()]


# Breakdowns are stored with their groups (governorates, modules) named in the default language.
# Each app that names groups registers the translatable model and field that hold the names.
GROUP_NAMES: list[tuple] = []


def register_group_names(model, field):
    GROUP_NAMES.append((model, field))


def group_names(names, locale):
    """The groups `names` as `locale` names them; a name no app knows stays as it is."""
    found = {}
    default = Locale.get_default()
    for model, field in GROUP_NAMES:
        keys = dict(
            model.objects.filter(locale=default, **{f"{field}__in": names}).values_list(
                "translation_key", field
            )
        )
        translated = model.objects.filter(locale=locale, translation_key__in=keys)
        for key, name in translated.values_list("translation_key", field):
            found[keys[key]] = name
    return {name: found.get(name, name) for name in names}
