"""Figures the site computes from its own data, for the indicators that editors publish.

Each feature app registers what it can count in its AppConfig.ready(), as it registers its blocks:
applications counts applications, learning counts completions and certificates, and an app added
later (volunteering, event attendance) registers its own. The indicators read this registry and
never the apps themselves.
"""

from collections.abc import Callable
from typing import NamedTuple


class Computation(NamedTuple):
    label: str
    unit: str  # "count", "percent", "hours"
    # (programme page or None) -> [(category, value)]; category "" for the total.
    compute: Callable
    # True when it gives one value per category (governorate, module...), drawn as bars.
    breakdown: bool = False


COMPUTATIONS: dict[str, Computation] = {}


def register_computation(key, label, compute, unit="count", breakdown=False):
    COMPUTATIONS[key] = Computation(label, unit, compute, breakdown)


def computation_choices():
    return [(key, computation.label) for key, computation in COMPUTATIONS.items()]


# Breakdowns are stored with their groups (governorates, modules) named in the default language.
# Each app that names groups says how to name them in another language:
# (names, locale) -> {name: name in that locale}, for the names it knows.
GROUP_NAMES: list[Callable] = []


def register_group_names(function):
    GROUP_NAMES.append(function)


def group_names(names, locale):
    """The groups `names` as `locale` names them; a name no app knows stays as it is."""
    found = {}
    for function in GROUP_NAMES:
        found.update(function(names, locale))
    return {name: found.get(name, name) for name in names}
