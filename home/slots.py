"""Places in a feature's page where another feature may add something of its own, without the
page's app importing it: e.g. the alerts' "Notify me" form on a programme page and a news
listing. The feature registers a template for a slot in its AppConfig.ready(); the page's
template writes `{% slot "name" key=value %}`, which renders the registered templates in their
registration order with the page's context and the given values, or nothing when none is
registered.
"""

SLOTS: dict[str, list[str]] = {}


def register_slot(name, template):
    SLOTS.setdefault(name, [])
    if template not in SLOTS[name]:
        SLOTS[name].append(template)


def templates_for(name):
    return SLOTS.get(name, [])
