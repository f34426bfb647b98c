"""Judged queries: a corpus of content and the results a reader expects for each query, graded,
measured the same way by the tests and by bench/search_quality.py.

A judged set is a folder of JSON files, each with `items` (the content import format, plus
`document` items: a downloadable file's `slug`, `title` and `text`) and `queries`:
`{"q": ..., "language": "ar", "grades": {"slug": 3, "other": 1}, "why": ...}`. Grade 3 is the
answer, 2 a relevant item, 1 a related one. A partner is judged as `partner:<slug>`, a document as
`document:<slug>`. A file may add `synonyms` (groups as editors write them:
"حاسوب = كمبيوتر = جهاز"). A new page type joins the set by adding a file with its items and
queries.
"""

import json
import math
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.importing import import_items
from search.models import SynonymGroup

RELEVANT = 2
FIRST_PAGE = 10


def load(folder):
    """(items, queries) of every file of a judged set, in file name order."""
    items, queries = [], []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items.extend(data.get("items", []))
        items.extend({"type": "synonyms", "words": words} for words in data.get("synonyms", []))
        queries.extend(data.get("queries", []))
    for query in queries:
        query.setdefault("language", "ar")
        if "grades" not in query:
            query["grades"] = dict.fromkeys(query["relevant"], 3)
    return items, queries


def import_corpus(items):
    """Write the corpus; returns {document id: slug} for the documents it created."""
    pages = [item for item in items if item["type"] not in ("document", "synonyms")]
    documents = {}
    with transaction.atomic():
        import_items({"items": pages})
        model = get_document_model()
        for item in items:
            if item["type"] == "document":
                document = model(title=item["title"], text=item["text"])
                document.file.save(f"{item['slug']}.txt", ContentFile(item["text"].encode()), False)
                document.save()
                documents[document.pk] = item["slug"]
            elif item["type"] == "synonyms":
                SynonymGroup.objects.create(words=item["words"])
    return documents


def identify(obj, documents):
    """The name a judged set gives a result."""
    if isinstance(obj, Page):
        return obj.slug
    if obj.pk in documents and isinstance(obj, get_document_model()):
        return f"document:{documents[obj.pk]}"
    return f"{obj._meta.model_name}:{getattr(obj, 'slug', obj.pk)}"


def reciprocal_rank(found, grades):
    """1/rank of the first result graded as high as the query's best."""
    best = max(grades.values())
    for rank, name in enumerate(found, 1):
        if grades.get(name, 0) == best:
            return 1 / rank
    return 0.0


def ndcg(found, grades, k=FIRST_PAGE):
    def dcg(gains):
        return sum((2**gain - 1) / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(name, 0) for name in found[:k]]) / ideal if ideal else 0.0


def passes(found, grades):
    """Every relevant item is on the first page of results."""
    return not missing(found, grades)


def missing(found, grades):
    first = set(found[:FIRST_PAGE])
    return [name for name, grade in grades.items() if grade >= RELEVANT and name not in first]


def measure(queries, search):
    """{"pass": share, "mrr": mean, "ndcg": mean, "failures": [...]}, `search(query)` giving
    the names of the results, best first."""
    totals = {"pass": 0.0, "mrr": 0.0, "ndcg": 0.0}
    failures = []
    for query in queries:
        found = search(query)
        totals["pass"] += passes(found, query["grades"])
        rr = reciprocal_rank(found, query["grades"])
        totals["mrr"] += rr
        totals["ndcg"] += ndcg(found, query["grades"])
        if rr < 1 or not passes(found, query["grades"]):
            failures.append((query["q"], query["language"], rr, found[:5]))
    count = len(queries) or 1
    return {**{name: value / count for name, value in totals.items()}, "failures": failures}
