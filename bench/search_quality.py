"""Search quality on the judged set (tests/search/judged/): pass rate, MRR and nDCG@10 per
database backend, beside Wagtail's own order on the same index as the baseline.

    .venv/bin/python bench/search_quality.py                      # SQLite, then PostgreSQL
    DATABASE_URL=postgres://user:pass@host/name .venv/bin/python bench/search_quality.py

Each backend runs in a process of its own on a database kept for this bench (SQLite:
var/bench-quality.sqlite3; PostgreSQL: `<name>_search_quality` on DATABASE_URL's server, created
when missing), imports the judged corpus in a transaction, runs every query both ways and rolls
back. "site" is the site's search (search/query.py: one list ordered by search/ranking.py);
"wagtail" asks the same backend the same analysed query and keeps its order, pages first, then
documents, then partners, as the search page did before. A query passes when every item graded 2
or more is among the first ten; the reciprocal rank counts the first item of the query's best
grade. Nothing is asserted: the tests hold the targets (tests/search/test_judged_relevance.py).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "search" / "judged"


def worker():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import translation
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from search import judged
    from search.query import Search, _documents_anyone_may_read, _public_snippet_models

    call_command("migrate", verbosity=0)
    items, queries = judged.load(JUDGED)
    results = {}
    with transaction.atomic():
        documents = judged.import_corpus(items)

        def site(query):
            with translation.override(query["language"]):
                found = Search(query["q"], query["language"]).results()[: judged.FIRST_PAGE]
                return [judged.identify(obj, documents) for obj in found]

        def wagtail(query):
            with translation.override(query["language"]):
                text = " ".join(Search(query["q"], query["language"]).matching_terms)
                backend = get_search_backend()
                pages = Page.objects.live().public().filter(locale=Locale.get_active())
                found = list(backend.search(text, pages, operator="or")[: judged.FIRST_PAGE])
                found += list(backend.search(text, _documents_anyone_may_read(), operator="or"))
                for model in _public_snippet_models():
                    objects = model.objects.filter(locale=Locale.get_active())
                    found += list(backend.search(text, objects, operator="or"))
                return [judged.identify(obj, documents) for obj in found]

        for name, search in (("site", site), ("wagtail", wagtail)):
            results[name] = judged.measure(queries, search)
        transaction.set_rollback(True)
    print(json.dumps({"vendor": connection.vendor, "queries": len(queries), **results}))


def postgres_database(url):
    """DATABASE_URL's server, with a database of this bench's own (created when missing)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_search_quality"
    with psycopg.connect(url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, __file__, "--worker"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"the bench failed on {database_url.split(':')[0]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--failures", action="store_true", help="list the queries not first")
    args = parser.parse_args()
    if args.worker:
        return worker()
    (ROOT / "var").mkdir(exist_ok=True)
    databases = [f"sqlite:///{ROOT / 'var' / 'bench-quality.sqlite3'}"]
    url = os.environ.get("DATABASE_URL", "postgres://tamkeen:tamkeen@127.0.0.1:5432/tamkeen")
    if not args.sqlite_only:
        databases.append(postgres_database(url))
    print(f"{'backend':12} {'search':18} {'queries':>7} {'pass':>6} {'MRR':>6} {'nDCG@10':>8}")
    for database in databases:
        measured = run(database)
        for name, label in (("site", "site"), ("wagtail", "wagtail (baseline)")):
            figures = measured[name]
            print(
                f"{measured['vendor']:12} {label:18} {measured['queries']:7d} "
                f"{figures['pass']:6.1%} {figures['mrr']:6.3f} {figures['ndcg']:8.3f}"
            )
        if args.failures:
            for q, language, rr, found in measured["site"]["failures"]:
                print(f"    {language} {q!r}: RR {rr:.2f}, first {found}")


if __name__ == "__main__":
    main()
