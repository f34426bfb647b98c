"""A GIN index on the expression PostgreSQL's search matches: title and body together.

Wagtail's index table has one GIN index per column, but the database backend matches
`title || body`, which neither can serve: every search scanned the whole table. SQLite and
Elasticsearch keep their own indexes, so this only runs on PostgreSQL.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_title_body_match "
    'ON wagtailsearch_indexentry USING gin ((title || body))'
)
DROP = "DROP INDEX IF EXISTS search_title_body_match"


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_private_documents"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
