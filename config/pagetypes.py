"""One address of every page type the public sees, in a language: what the reflow test loads at
320 px and what `make screenshots` shows reviewers. The first live page of each type in tree
order, the sub-pages that have a look of their own (past events, the status check, the
certificate check), a search and a page that does not exist."""

from urllib.parse import quote

from wagtail.models import Locale

from applications.models import ApplicationFormPage, FormIndexPage
from home.models import HomePage, StandardPage
from indicators.models import IndicatorIndexPage, SurveyResultsPage
from learning.models import LearningIndexPage, LessonPage, ModulePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from programmes.models import PartnerIndexPage, ProgrammeIndexPage, ProgrammePage
from volunteering.models import HelpRequestPage, VolunteeringIndexPage, VolunteerOpportunityPage

PAGE_TYPES = {
    "home": HomePage,
    "standard page": StandardPage,
    "programme index": ProgrammeIndexPage,
    "programme": ProgrammePage,
    "partner directory": PartnerIndexPage,
    "news index": NewsIndexPage,
    "news": NewsPage,
    "event index": EventIndexPage,
    "event": EventPage,
    "learning index": LearningIndexPage,
    "module": ModulePage,
    "lesson": LessonPage,
    "form index": FormIndexPage,
    "form": ApplicationFormPage,
    "indicators": IndicatorIndexPage,
    "survey results": SurveyResultsPage,
    "volunteering index": VolunteeringIndexPage,
    "volunteer opportunity": VolunteerOpportunityPage,
    "request for volunteers": HelpRequestPage,
}
# Sub-pages of a page type: (name, the page type, the route's name).
SUB_PAGES = [
    ("past events", "event index", "past"),
    ("status check", "form index", "status"),
    ("certificate check", "learning index", "verify"),
    ("open data", "indicators", "data"),
    ("service certificate request", "volunteering index", "certificate"),
]
# A word found in the demo content of each language.
SEARCHES = {"ar": "الجمعيات", "en": "digital", "fr": "programme"}


def page_type_addresses(language):
    """{page type: address} in `language`, for the types that have a live page there."""
    locale = Locale.objects.get(language_code=language)
    pages = {}
    for name, model in PAGE_TYPES.items():
        page = model.objects.live().public().filter(locale=locale).order_by("path").first()
        if page is not None:
            pages[name] = page
    urls = {name: page.url for name, page in pages.items()}
    for name, parent, route in SUB_PAGES:
        if parent in pages:
            urls[name] = pages[parent].url + pages[parent].reverse_subpage(route)
    urls["search"] = f"/{language}/search/?q={quote(SEARCHES.get(language, 'a'))}"
    urls["page not found"] = f"/{language}/no-such-page/"
    return urls
