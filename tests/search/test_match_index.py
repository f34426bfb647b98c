"""On PostgreSQL, a search is answered from an index rather than by reading every page's text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from search.analysis import analyse
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index is PostgreSQL's; SQLite has FTS5"
)
MATCHED = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


def test_the_expression_searches_match_is_indexed(home):
    StandardPageFactory(parent=home, title="الأمن السيبراني للجمعيات")
    with CaptureQueriesContext(connection) as captured:
        found = list(Page.objects.live().search(analyse("الامن السيبراني", "ar"), operator="or"))
    assert [page.title for page in found] == ["الأمن السيبراني للجمعيات"]
    assert any(MATCHED in query["sql"] for query in captured.captured_queries)

    with connection.cursor() as cursor:
        # A table of one row is read whole whatever its indexes: plan as for a large one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('simple', 'سيبران')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_title_body_match" in plan, plan
