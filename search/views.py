from dataclasses import replace
from datetime import date, datetime

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from home.lookups import language_code
from home.pagination import paginate
from home.routing import site_for_request
from search.highlight import highlight
from search.models import UnansweredQuery
from search.query import Search, breadcrumbs, count_hit
from search.results import result_type
from search.suggestions import suggestions


# Never from the page cache: each search counts in the editors' report of unanswered searches.
@cache_control(private=True)
def search(request):
    """The search page: editors' picks first and apart, then one ranked list of pages, documents
    and partners, with facets and highlights."""
    query = Search.from_request(request, get_language())
    context = {"query": query, "searched": bool(query.terms)}
    if query.terms:
        # The results link to pages: their site from the cache, as page views find it.
        site_for_request(request)
        picks = query.picks()
        page_obj = paginate(
            request, query.ranked(exclude=picks), per_page=10, remembered_as=f"search:{query.key}"
        )
        # Above the first page of results; a filtered search is about pages.
        services = [] if query.filtered or page_obj.number > 1 else query.services()
        # Read only when the list is rendered: the template remembers it for this search.
        hits = SimpleLazyObject(lambda: _hits(request, page_obj, query))
        context.update(
            picks=picks,
            services=services,
            page_obj=page_obj,
            facets=query.facets(),
            hits=hits,
            partly=query.partly() if page_obj.paginator.count else None,
        )
        found = bool(page_obj.paginator.count or picks or services)
        counted(query.recorded, found, context["partly"] or ())
        if not found:
            context["spelling"] = query.spelling()
            if not query.everywhere:
                # A word typed in another language (a visitor of the Arabic site looking for
                # "workshop") finds nothing here: say where it does.
                context["elsewhere"] = len(replace(query, everywhere=True).ranked())
    return TemplateResponse(request, "search/search.html", context)


def _hits(request, page_obj, query):
    trails = breadcrumbs([obj for obj in page_obj if isinstance(obj, Page)])
    hits = [_hit(request, obj, query, trails) for obj in page_obj]
    return [hit for hit in hits if hit["url"]]


def _hit(request, obj, query, trails):
    """One result of any kind as the page shows it: its address, title, type, and the date or
    state its type says is worth showing."""
    terms = query.matching_terms
    if isinstance(obj, Page):
        language = language_code(obj)
        kind = result_type(obj.specific_class)
        url = obj.get_url(request)
    else:
        has_locale = getattr(obj, "locale_id", None)
        language = language_code(obj) if has_locale else query.language
        kind = result_type(type(obj))
        url = obj.url if isinstance(obj, AbstractDocument) else obj.get_url(request)
    when = kind.when(obj) if kind.when else None
    summary = getattr(obj, "summary", "") or getattr(obj, "description", "")
    return {
        "object": obj,
        "url": url,
        "language": language,
        "title": highlight(str(getattr(obj, "title", "") or obj), terms, language),
        "summary": highlight(summary, terms, language),
        "type": obj._meta.verbose_name,
        "extension": obj.file_extension if isinstance(obj, AbstractDocument) else "",
        "moment": when if isinstance(when, datetime) else None,
        "date": when if isinstance(when, date) and not isinstance(when, datetime) else None,
        "state": when if isinstance(when, str) else "",
        "trail": trails.get(obj.pk, []) if isinstance(obj, Page) else [],
    }


def counted(recorded, found, words_not_found):
    """The search counts for the editors' reports (its hits, whether it found anything, and
    with which words): two statements, each committed on its own, so that no search waits on
    another's lock."""
    count_hit(recorded)
    UnansweredQuery.record(recorded, found, words_not_found)


def suggest(request):
    """Titles whose words start with what the visitor typed, and popular searches that found
    something (JSON for the search box)."""
    text = request.GET.get("q", "").replace("\x00", "")[:100]
    return JsonResponse(
        {"query": text, "results": suggestions(text, get_language())},
        json_dumps_params={"ensure_ascii": False},
    )
