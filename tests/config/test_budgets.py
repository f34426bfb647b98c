"""What a page costs a visitor on a metered phone and the database as content grows: bytes and
queries are counted, never time (DESIGN.md, quality bars)."""

import datetime
import gzip
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import NewsCategory
from tests import factories
from volunteering.models import Skill

BUDGET_BYTES = 60 * 1024
MAX_QUERIES = 30
# Counts may differ by a query or two (a cache miss filled once), never with the number of items.
GROWTH_ALLOWED = 2

# One Arabic address of the demo site per page type.
DEMO_PAGES = {
    "home": "/ar/",
    "standard page": "/ar/about/",
    "programme index": "/ar/programmes/",
    "programme page": "/ar/programmes/youth-tech-incubator/",
    "partner directory": "/ar/partners/",
    "news index": "/ar/news/",
    "news page": "/ar/news/programme-launch/",
    "event index": "/ar/events/",
    "event page": "/ar/events/launch-ceremony/",
    "learning index": "/ar/learning/",
    "module": "/ar/learning/cybersecurity-basics/",
    "lesson": "/ar/learning/cybersecurity-basics/cyber-backups/",
    "form index": "/ar/forms/",
    "form page": "/ar/forms/complaints/",
    "search results": "/ar/search/?q=برنامج",
    "form status check": "/ar/forms/status/",
    "indicators page": "/ar/indicators/",
    "indicator": "/ar/indicators/associations-supported/",
    "survey results": "/ar/indicators/digital-needs-survey-results/",
    "volunteering index": "/ar/volunteering/",
    "volunteer opportunity": "/ar/volunteering/elderly-care-website/",
    "request for volunteers": "/ar/volunteering/ask-for-volunteers/",
    "certificate of service request": "/ar/volunteering/certificate/",
    "certificate of service check": "/ar/volunteering/verify/",
}


def gzipped_size(content):
    return len(gzip.compress(content))


def static_size(url):
    """The compressed size of a stylesheet or script of the site, read where it is kept."""
    path = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not a static file of the site"
    with open(path, "rb") as file:
        return gzipped_size(file.read())


def fetched_files(soup):
    """The stylesheets and scripts the browser downloads to show the page."""
    for link in soup.find_all("link", rel="stylesheet", href=True):
        yield link["href"]
    for script in soup.find_all("script", src=True):
        yield script["src"]


def loaded_urls(soup):
    """What the browser requests by itself: stylesheets, icons, scripts, images and sources."""
    for link in soup.find_all("link", rel=["stylesheet", "icon"], href=True):
        yield link["href"]
    for tag in soup.find_all(["script", "img", "source"]):
        yield from filter(None, [tag.get("src")])
        for candidate in tag.get("srcset", "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


@pytest.fixture(scope="module")
def demo_pages(on_the_demo):
    """Each page type's HTML, fetched once from the demo site."""

    def fetch():
        client = Client()
        pages = {}
        for kind, address in DEMO_PAGES.items():
            response = client.get(address)
            assert response.status_code == 200, f"{kind} ({address}): {response.status_code}"
            pages[kind] = response.content
        return pages

    return on_the_demo(fetch)


@pytest.mark.parametrize("kind", DEMO_PAGES)
def test_every_page_type_weighs_less_than_the_budget(demo_pages, kind):
    html = demo_pages[kind]
    soup = BeautifulSoup(html, "html.parser")
    files = {url: static_size(url) for url in fetched_files(soup)}
    total = gzipped_size(html) + sum(files.values())
    assert total <= BUDGET_BYTES, (
        f"{kind}: {total} bytes compressed (HTML {gzipped_size(html)}, {files}),"
        f" budget {BUDGET_BYTES}"
    )


@pytest.mark.parametrize("kind", DEMO_PAGES)
def test_no_page_type_loads_anything_from_another_host(demo_pages, kind):
    soup = BeautifulSoup(demo_pages[kind], "html.parser")
    elsewhere = [url for url in loaded_urls(soup) if urlsplit(url).netloc not in ("", "testserver")]
    assert elsewhere == [], f"{kind} loads from other hosts: {elsewhere}"


# Query counts: each listing built with factories, measured with 3 items and again with 30.


def count_queries(client, address):
    cache.clear()  # the menu and footer fragments as cold as the page itself
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, f"{address}: {response.status_code}"
    return len(queries)


def programme_index(home):
    index = factories.ProgrammeIndexPageFactory(parent=home)
    partner = factories.PartnerFactory()
    registered = factories.EligibilityCriterionFactory()

    def add(n):
        for _ in range(n):
            programme = factories.ProgrammePageFactory(parent=index, criteria=[registered])
            programme.partners.add(partner)
            programme.save()

    return index.url, add


def news_index(home):
    index = factories.NewsIndexPageFactory(parent=home)
    training = NewsCategory.objects.create(locale=home.locale, name="التدريب", slug="training")

    def add(n):
        for _ in range(n):
            factories.NewsPageFactory(parent=index, category=training)

    return index.url, add


def event_index(home):
    index = factories.EventIndexPageFactory(parent=home)

    def add(n):
        for _ in range(n):
            factories.EventPageFactory(parent=index)

    return index.url, add


def learning_index(home):
    index = factories.LearningIndexPageFactory(parent=home)

    def add(n):
        for _ in range(n):
            module = factories.ModulePageFactory(parent=index)
            factories.LessonPageFactory(parent=module)

    return index.url, add


def module_with_lessons(home):
    index = factories.LearningIndexPageFactory(parent=home)
    module = factories.ModulePageFactory(parent=index)

    def add(n):
        for _ in range(n):
            factories.LessonPageFactory(parent=module)

    return module.url, add


def volunteering_index(home):
    index = factories.VolunteeringIndexPageFactory(parent=home)
    partner = factories.PartnerFactory()
    skills = Skill.objects.filter(locale=home.locale, slug__in=["training", "data"])

    def add(n):
        for _ in range(n):
            opportunity = factories.VolunteerOpportunityPageFactory(
                parent=index, partner=partner, ends=datetime.date(2099, 12, 31)
            )
            opportunity.skills.add(*skills)
            opportunity.save()

    return index.url, add


def search_results(home):
    def add(n):
        for _ in range(n):
            factories.StandardPageFactory(parent=home, summary="تدريب الجمعيات على التحول الرقمي")

    return "/ar/search/?q=الجمعيات", add


def home_with_teasers(home):
    home.body = [("section_teaser", {"source": source, "count": 12}) for source in SOURCES]
    home.save_revision().publish()
    grow = [section(home)[1] for section in SECTIONS]

    def add(n):
        for add_to_section in grow:
            add_to_section(n)

    return home.url, add


SOURCES = ["programmes", "news", "events", "modules"]
SECTIONS = [programme_index, news_index, event_index, learning_index]

LISTINGS = {
    "programme index": programme_index,
    "news index": news_index,
    "event index": event_index,
    "learning index": learning_index,
    "module with lessons": module_with_lessons,
    "volunteering index": volunteering_index,
    "search results": search_results,
    "home with teasers": home_with_teasers,
}


@pytest.mark.parametrize("kind", LISTINGS)
def test_listing_queries_stay_flat_as_content_grows(client, home, kind):
    address, add = LISTINGS[kind](home)
    add(3)
    client.get(address)  # what one request leaves behind for every later one (content types)
    few = count_queries(client, address)
    add(27)
    many = count_queries(client, address)
    assert abs(many - few) <= GROWTH_ALLOWED, f"{kind}: {few} queries with 3 items, {many} with 30"
    assert many <= MAX_QUERIES, f"{kind}: {many} queries with 30 items, bound {MAX_QUERIES}"
