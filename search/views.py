from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control

from home.pagination import paginate
from search.highlight import highlight
from search.models import UnansweredQuery
from search.query import Search, breadcrumbs

SUGGESTIONS = 6


# Never from the page cache: each search counts in the editors' report of unanswered searches.
@cache_control(private=True)
def search(request):
    """The search page: editors' picks first and apart, then results with facets and highlights."""
    query = Search.from_request(request, get_language())
    context = {"query": query, "searched": bool(query.terms)}
    if query.terms:
        picks = query.picks()
        page_obj = paginate(request, query.ranked(exclude=picks), per_page=10)
        trails = breadcrumbs(page_obj)
        context.update(
            picks=picks,
            page_obj=page_obj,
            facets=query.facets(),
            documents=[
                {"document": document, "title": highlight(document.title, query.terms)}
                for document in query.documents()
            ],
            snippets=[
                (name, items)
                for name, found in query.snippets()
                if (items := _linked(request, found, query.terms))
            ],
            hits=[
                {
                    "page": page,
                    "title": highlight(page.title, query.terms, query.language),
                    "summary": highlight(getattr(page, "summary", ""), query.terms, query.language),
                    "type": page.specific_class._meta.verbose_name,
                    "date": page.first_published_at,
                    "trail": trails[page.pk],
                }
                for page in page_obj
            ],
        )
        found = any((page_obj.paginator.count, picks, context["documents"], context["snippets"]))
        UnansweredQuery.record(query.text, found)
        if not found:
            context["spelling"] = query.spelling()
    return TemplateResponse(request, "search/search.html", context)


def _linked(request, objects, terms):
    """Snippet hits with somewhere to go in this language (a partner needs its directory)."""
    items = [{"title": highlight(str(obj), terms), "url": obj.get_url(request)} for obj in objects]
    return [item for item in items if item["url"]]


def suggest(request):
    """Titles of the best matches as the visitor types (JSON for the search box)."""
    query = Search.from_request(request, get_language())
    matches = query.results()[:SUGGESTIONS] if query.terms else []
    return JsonResponse(
        {"query": query.text, "results": [{"title": p.title, "url": p.url} for p in matches]},
        json_dumps_params={"ensure_ascii": False},
    )
