"""Search latency at volume: Arabic analysis against the same backend searched without it.

    make bench                                   # SQLite, var/bench-search.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/search_bench.py [--pages 20000]

Builds (once; reused while the page count matches) a site of Arabic pages written from a
programme's vocabulary, times a full `update_index`, then runs 100 queries (judged ones typed the
way people type, and random ones) through the site's search and through the bare backend with the
raw query, and 100 suggestions as one types (3 to 5 letters) beside Wagtail's own autocomplete
on the raw titles. Prints medians and p95 in milliseconds; nothing here is asserted.
"""

import argparse
import os
import random
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-search.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from home.caching import bump_version  # noqa: E402
from home.models import HomePage, StandardPage  # noqa: E402
from search.analysis import normalise  # noqa: E402
from search.query import Search  # noqa: E402
from search.suggestions import suggestions  # noqa: E402

SUBJECTS = [
    "الجمعيّات الأهلية",
    "المتطوّعون",
    "الشباب",
    "المنظّمات التقنية",
    "الجامعات",
    "مراكز البحث",
    "النساء الرائدات",
    "الأشخاص ذوو الإعاقة",
    "الفرق الناشئة",
    "مجالس الإدارة",
]
ACTIONS = [
    "يتدرّب",
    "يطلق",
    "يستضيف",
    "يموّل",
    "يحتضن",
    "يدعم",
    "ينظّم",
    "يقيّم",
    "يوقّع",
    "يعلن",
]
TOPICS = [
    "التحوّل الرقمي",
    "الحوكمة الرشيدة",
    "إدارة المتطوّعين",
    "الأمن السيبراني",
    "قياس الأثر",
    "جمع التبرّعات",
    "الدفع الإلكتروني",
    "محو الأميّة الرقمية",
    "الجداول الإلكترونية",
    "الميزانية التشغيلية",
    "حماية البيانات",
    "التسويق عبر الشبكات الاجتماعية",
    "ورشة عمل",
    "دورة تدريبية",
    "هاكاثون",
    "منحة صغيرة",
    "شراكة مع القطاع الخاص",
]
PLACES = [
    "دمشق",
    "حلب",
    "حمص",
    "حماة",
    "اللاذقية",
    "طرطوس",
    "إدلب",
    "درعا",
    "السويداء",
    "القنيطرة",
    "دير الزور",
    "الرقّة",
    "الحسكة",
    "ريف دمشق",
]
# Typed as people type: no diacritics or hamza, ه for ة, ي for ى, Latin digits, singulars.
JUDGED = [
    "الامن السيبراني",
    "ادارة المتطوعين",
    "جمع التبرعات",
    "محو الاميه الرقميه",
    "قياس الاثر",
    "الحوكمه",
    "الدفع الالكتروني",
    "ميزانيه",
    "جمعيه",
    "متطوع",
    "هاكاثون حلب",
    "ورشه عمل حمص",
    "منحه صغيره",
    "حمايه البيانات",
    "التحول الرقمي للجمعيات",
    "دوره تدريبيه اللاذقيه",
    "شراكه القطاع الخاص",
    "ذوي الاعاقه",
    "الرقه",
    "مجلس الاداره",
]


def sentence(rng):
    return (
        f"{rng.choice(ACTIONS)} البرنامج مع {rng.choice(SUBJECTS)} في {rng.choice(PLACES)} "
        f"حول {rng.choice(TOPICS)} و{rng.choice(TOPICS)}، بمشاركة {rng.randint(10, 400)} مشاركًا."
    )


def build(count):
    """The bench pages under their own section of the Arabic home page (kept between runs)."""
    arabic = Locale.objects.get(language_code="ar")
    home = HomePage.objects.get(locale=arabic)
    section = StandardPage.objects.filter(slug="bench", locale=arabic).first()
    if section and section.get_children_count() == count:
        return False
    if section:
        section.delete()
    rng = random.Random(7)
    backends = settings.WAGTAILSEARCH_BACKENDS
    backends["default"]["AUTO_UPDATE"] = False  # indexed once, below, and timed
    section = home.add_child(instance=StandardPage(title="صفحات القياس", slug="bench"))
    for start in range(0, count, 500):  # one transaction per batch: SQLite syncs on commit
        with transaction.atomic():
            for number in range(start, min(start + 500, count)):
                section.add_child(
                    instance=StandardPage(
                        title=f"{rng.choice(TOPICS)} في {rng.choice(PLACES)}",
                        slug=f"bench-{number}",
                        summary=sentence(rng),
                        body=[("paragraph", f"<p>{sentence(rng)} {sentence(rng)}</p>")],
                    )
                )
        print(f"  {min(start + 500, count)} pages", flush=True)
    backends["default"]["AUTO_UPDATE"] = True
    return True


def timed(run, queries):
    times = []
    for text in queries:
        start = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not HomePage.objects.filter(locale__language_code="ar", depth=2).exists():
        call_command("load_demo", stdout=StringIO())
    print(f"database: {connection.vendor}; building {args.pages} Arabic pages if needed")
    start = time.perf_counter()
    built = build(args.pages)
    if built:
        print(f"pages built in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    call_command("update_index", stdout=StringIO())
    indexing = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does on a running site: re-indexing leaves every old row dead, and
        # without it each run of this bench searches a table that has grown once more.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
    # Searches remembered by an earlier run (home/caching.py) would be answered from the cache.
    bump_version()
    pages = Page.objects.live().count()

    rng = random.Random(11)
    random_queries = [
        " ".join(rng.sample([*TOPICS, *PLACES, *SUBJECTS], 2)) for _ in range(100 - len(JUDGED))
    ]
    queries = JUDGED + random_queries

    with translation.override("ar"):

        def analysed(text):
            return list(Search(text, "ar").results()[:10])

        def plain(text):
            pages = Page.objects.live().public().filter(locale=Locale.get_active())
            return list(pages.search(text, operator="or")[:10])

        def suggested(text):
            return suggestions(text, "ar")

        def autocompleted(text):
            pages = Page.objects.live().public().filter(locale=Locale.get_active())
            return list(pages.autocomplete(text)[:6])

        # What visitors type before a suggestion helps: the first 3 to 5 letters of a word,
        # with or without its article.
        words = [w for phrase in [*TOPICS, *PLACES, *SUBJECTS] for w in normalise(phrase).split()]
        prefixes = [rng.choice(words)[: rng.randint(3, 5)] for _ in range(100)]

        for run in (analysed, plain, suggested, autocompleted):  # warm up each
            run(queries[0])
        found = sum(1 for text in JUDGED if analysed(text))
        site = timed(analysed, queries)
        base = timed(plain, queries)
        suggest = timed(suggested, prefixes)
        autocomplete = timed(autocompleted, prefixes)

    print(f"{'':34} {'median ms':>10} {'p95 ms':>8}")
    print(f"{'site search (Arabic analysis)':34} {site[0]:10.1f} {site[1]:8.1f}")
    print(f"{'same backend, raw query (baseline)':34} {base[0]:10.1f} {base[1]:8.1f}")
    print(f"{'suggestions (3-5 letters)':34} {suggest[0]:10.1f} {suggest[1]:8.1f}")
    print(f"{'Wagtail autocomplete (baseline)':34} {autocomplete[0]:10.1f} {autocomplete[1]:8.1f}")
    print(f"analysis cost: {site[0] / base[0]:.2f}× the baseline median")
    print(f"full update_index of {pages} live pages: {indexing:.1f} s")
    print(f"judged queries with results: {found}/{len(JUDGED)}; {len(queries)} queries in all")


if __name__ == "__main__":
    main()
