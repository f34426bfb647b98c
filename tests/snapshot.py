"""The migrated rows and the demo site, each copied once per test process and put back when needed.

The migrated rows are put back after a transactional test flushed them, at the cost of a bulk copy
rather than Django's object-by-object deserialization. `load_demo` takes twenty to fifty seconds
and a hundred tests start from the demo. The first load in a process is copied table by table; a
later test gets the copy back, in its own transaction (or the one it runs in), in place of the
migrated rows. The copy is used only when the database holds the migrated rows and nothing more (a
fixture that made rows before the demo gets a real load), and only with the site address it was
made with. The demo's files (images, documents) are copied too, into whatever media folders the
test uses. The demo is loaded with its dates as written, whatever the day the tests run.
"""

import shutil
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# SQLite keeps a full-text table's index in shadow tables: the virtual table is copied, they
# follow. Django's own bookkeeping never changes. (Table names below come from the database's own
# catalogue, never from input.)
SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
UNCOPIED = {"django_migrations", "sqlite_sequence"}


def _virtual_tables(cursor):
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    return {name for name, sql in cursor.fetchall() if sql.upper().startswith("CREATE VIRTUAL")}


def tables():
    with connection.cursor() as cursor:
        names = set(connection.introspection.table_names(cursor)) - UNCOPIED
        if connection.vendor == "sqlite":
            virtual = _virtual_tables(cursor)
            names -= {f"{name}{suffix}" for name in virtual for suffix in SHADOWS}
            names = {name for name in names if not name.startswith("sqlite_")}
    return sorted(names)


def counts():
    """Rows per table: what a test finds before it asks for the demo. One round trip."""
    names = tables()
    count = "(SELECT COUNT(*) FROM {})"  # noqa: S608
    each = ", ".join(count.format(connection.ops.quote_name(table)) for table in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {each}")
        return dict(zip(names, cursor.fetchone(), strict=True))


def _take():
    copied = {}
    with connection.cursor() as cursor:
        virtual = _virtual_tables(cursor) if connection.vendor == "sqlite" else set()
        for table in tables():
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    copied[table] = b"".join(bytes(block) for block in copy)
            else:
                # A full-text table's rows are known by their rowid alone.
                rowid = "rowid, " if table in virtual else ""
                cursor.execute(f"SELECT {rowid}* FROM {name}")  # noqa: S608
                columns = [column[0] for column in cursor.description]
                copied[table] = (columns, cursor.fetchall())
    return copied


def _put_back(copied):
    with transaction.atomic(), connection.cursor() as cursor:
        names = {table: connection.ops.quote_name(table) for table in copied}
        if connection.vendor == "postgresql":
            # Deleting a few thousand rows costs a tenth of truncating two hundred tables (new
            # files for each table and index); foreign keys are checked at commit.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name in names.values():
                cursor.execute(f"DELETE FROM {name}")  # noqa: S608
            for table, data in copied.items():
                with cursor.cursor.copy(f"COPY {names[table]} FROM STDIN") as copy:
                    copy.write(data)
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
        else:
            cursor.execute("PRAGMA defer_foreign_keys = ON")
            for table, (columns, rows) in copied.items():
                cursor.execute(f"DELETE FROM {names[table]}")  # noqa: S608
                listed = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join("?" * len(columns))
                insert = f"INSERT INTO {names[table]} ({listed}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, rows)


def _media_roots():
    return [settings.MEDIA_ROOT, getattr(settings, "PRIVATE_MEDIA_ROOT", "")]


def _take_files(kept):
    for number, root in enumerate(_media_roots()):
        if root and Path(root).is_dir():
            shutil.copytree(root, kept / str(number))
    return kept


def _put_back_files(kept):
    for number, root in enumerate(_media_roots()):
        if root and (kept / str(number)).is_dir():
            shutil.copytree(kept / str(number), root, dirs_exist_ok=True)


class Copies:
    """Per test process: the migrated rows, and the copy of the demo once loaded (its files kept
    in `folder`). Made before any test runs."""

    def __init__(self, folder):
        self.migrated = _take()
        self.migrated_counts = counts()
        self.folder = Path(folder)
        self.copies = {}

    def restore_migrated(self):
        _put_back(self.migrated)
        cache.clear()

    def load_demo(self):
        key = (connection.vendor, getattr(settings, "SITE_BASE_URL", ""))
        pristine = counts() == self.migrated_counts
        if pristine and key in self.copies:
            rows, files = self.copies[key]
            _put_back(rows)
            _put_back_files(files)
            # What was kept of the rows these replace (site roots, fragments) is stale.
            cache.clear()
            return
        call_command("load_demo", "--as-written", stdout=StringIO())
        if pristine:
            self.copies[key] = (_take(), _take_files(self.folder / str(len(self.copies))))
