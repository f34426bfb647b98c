"""The site's services: what a visitor does at a sub-address of a section page (check an
application's status, get or check a certificate), which no page's text describes. The app that
owns the section registers each in its AppConfig.ready(); a search or a suggestion naming one
offers it."""

from typing import NamedTuple

from home.caching import remember
from home.lookups import active_locale
from home.models import public
from search.analysis import terms


class Service(NamedTuple):
    label: str  # a lazy translation: the link's words, in the reader's language
    model: type  # the routable section page that offers it
    route: str  # the name of its sub-address


SERVICES: list[Service] = []


def register_service(label, model, route):
    SERVICES.append(Service(label, model, route))


def offered_services(named, language):
    """[{"label", "url"}]: the services whose analysed label's words are `named(words)`, where
    their section is published in the active language."""
    offered = []
    for service in SERVICES:
        label = str(service.label)
        if named(terms(label, language)) and (url := _address(service)):
            offered.append({"label": label, "url": url})
    return offered


def _address(service):
    """The service's address in the active language, "" where no such section is published."""

    def look_up():
        section = public(service.model.objects).filter(locale=active_locale()).first()
        return section.url + section.reverse_subpage(service.route) if section else ""

    name = f"service:{service.model._meta.label}:{service.route}:{active_locale().pk}"
    return remember(name, look_up)
