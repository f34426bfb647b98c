from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from home.pagination import paginate
from search.analysis import analyse, terms
from search.highlight import highlight

MAX_QUERY_LENGTH = 200


def search(request):
    """One search over every published page; editors' picks first, apart from the results."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = get_language()
    everywhere = request.GET.get("all") == "1"
    query_terms = terms(query, language)
    results = picks = []
    if query_terms:
        pages = Page.objects.live().public().specific()
        if not everywhere:
            pages = pages.filter(locale=Locale.get_active())
        recorded = Query.get(query)
        recorded.add_hit()
        picks = [pick.page.specific for pick in recorded.editors_picks.select_related("page")]
        picks = [page for page in picks if page.live]
        pages = pages.exclude(pk__in=[page.pk for page in picks])
        results = pages.search(analyse(query, language), operator="or")
    page_obj = paginate(request, results, per_page=10) if query_terms else None
    hits = [
        {
            "page": page,
            "title": highlight(page.title, query_terms, language),
            "summary": highlight(getattr(page, "summary", "") or "", query_terms, language),
            "type": page.specific_class._meta.verbose_name,
        }
        for page in (page_obj or [])
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "everywhere": everywhere,
            "picks": picks,
            "hits": hits,
            "page_obj": page_obj,
            "searched": bool(query_terms),
            "languages": settings.LANGUAGES,
        },
    )
