import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation

from programmes.models import Partner
from programmes.templatetags.programmes_tags import programme_status_text
from tests.factories import PartnerFactory, PartnerIndexPageFactory, ProgrammePageFactory
from tests.programmes.conftest import days

pytestmark = pytest.mark.django_db


def render(source):
    return Template("{% load programmes_tags %}" + source).render(Context({}))


def test_open_programmes_lists_only_open_ones_closing_soonest_first(index, today):
    ProgrammePageFactory(parent=index, title="later", opens=days(-5), closes=days(50))
    ProgrammePageFactory(parent=index, title="sooner", opens=days(-5), closes=days(3))
    ProgrammePageFactory(parent=index, title="upcoming", opens=days(5))
    ProgrammePageFactory(parent=index, title="closed", closes=days(-1))
    ProgrammePageFactory(parent=index, title="always", opens=days(-400), closes=None)
    ProgrammePageFactory(parent=index, title="announced", opens=None, closes=None)
    with translation.override("ar"):
        html = render("{% open_programmes 2 %}")
    soup = BeautifulSoup(html, "html.parser")
    assert [h.get_text(strip=True) for h in soup.select(".open-programmes h3")] == [
        "sooner",
        "later",
    ]
    # Then what is coming: upcoming first, announced after, each with its badge.
    coming = soup.select(".coming-programmes li")
    assert [li.h3.get_text(strip=True) for li in coming] == ["upcoming", "announced"]
    assert [li.select_one(".state-badge").get_text(strip=True) for li in coming] == [
        "قريبًا",
        "معلَن",
    ]
    assert soup.select_one("a[href='/ar/programmes/']")
    with translation.override("ar"):
        html = render("{% open_programmes 5 %}")
    soup = BeautifulSoup(html, "html.parser")
    titles = [h.get_text(strip=True) for h in soup.select(".open-programmes h3")]
    assert titles == ["sooner", "later", "always"]


def test_open_programmes_is_empty_without_open_programmes(index, today):
    ProgrammePageFactory(parent=index, closes=days(-1))
    with translation.override("ar"):
        assert render("{% open_programmes 3 %}").strip() == ""


def test_open_programmes_follows_the_active_language(index, english_home, today):
    ProgrammePageFactory(parent=index, title="عربي", opens=days(-1))
    with translation.override("en"):
        assert "عربي" not in render("{% open_programmes 3 %}")


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (days(-1), days(5), "Open: closes in 5 days, on 28 November 2026"),
        (days(-1), days(1), "Open: closes in 1 day, on 24 November 2026"),
        (days(-1), days(0), "Open: closes today"),
        (days(-1), days(200), "Open until 11 June 2027"),
        (days(-1), None, "Open for applications"),
        (days(4), None, "Opens on 27 November 2026"),
        (days(-9), days(-2), "Closed on 21 November 2026"),
    ],
)
def test_status_in_words(index, today, opens, closes, expected):
    programme = ProgrammePageFactory(parent=index, opens=opens, closes=closes)
    with translation.override("en"):
        assert programme_status_text(programme) == expected


def test_status_in_arabic_counts_days_with_arabic_plurals(index, today):
    programme = ProgrammePageFactory(parent=index, opens=days(-1), closes=days(5))
    with translation.override("ar"):
        assert programme_status_text(programme).startswith("التقديم مفتوح: يُغلق بعد 5 أيام")
    programme.closes = days(2)
    with translation.override("ar"):
        assert programme_status_text(programme).startswith("التقديم مفتوح: يُغلق بعد يومين")


def test_partners_directory_filters_by_kind_and_ignores_unknown_kinds(client, home):
    directory = PartnerIndexPageFactory(parent=home)
    PartnerFactory(name="وزارة", kind=Partner.Kind.GOVERNMENT)
    PartnerFactory(name="جامعة", kind=Partner.Kind.ACADEMIA)

    def names(query=""):
        soup = BeautifulSoup(client.get(directory.url + query).content, "html.parser")
        return sorted(h.get_text(strip=True) for h in soup.select("[data-testid=partner] h2"))

    assert names() == ["جامعة", "وزارة"]
    assert names("?kind=academia") == ["جامعة"]
    assert names("?kind=<script>") == ["جامعة", "وزارة"]
    assert names("?kind=international") == []
