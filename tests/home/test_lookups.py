"""The locales and the privacy rules are read once, then remembered until they change: a new
privacy rule hides pages from the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ProgrammeIndexPageFactory, StandardPageFactory


def queries_matching(client, url, text):
    client.get(url)  # the menu and footer, as any earlier visitor leaves them cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        sql = [q["sql"] for q in captured.captured_queries]
    assert response.status_code == 200
    return sum(text in statement for statement in sql)


def test_a_page_reads_neither_the_locales_nor_the_privacy_rules_again(client, demo):
    for url in ("/ar/", "/en/", "/ar/programmes/"):
        assert queries_matching(client, url, 'FROM "wagtailcore_locale"') == 0
        assert queries_matching(client, url, 'FROM "wagtailcore_pageviewrestriction"') == 0


def test_a_new_privacy_rule_hides_pages_from_the_next_request(client, home):
    programmes = ProgrammeIndexPageFactory(parent=home)
    section = StandardPageFactory(parent=home, title="قسم الأعضاء", show_in_menus=True)
    assert "قسم الأعضاء" in client.get(programmes.url).text

    PageViewRestriction.objects.create(page=section, restriction_type="login")

    assert "قسم الأعضاء" not in client.get(programmes.url).text
