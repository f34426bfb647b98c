from django.conf import settings
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as BasePagesAPIViewSet

from search.analysis import analyse


class AnalysedSearchFilter(SearchFilter):
    """`?search=` analysed like the site's search, in `?locale=`'s language (Arabic by default)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            params = request.GET.copy()
            language = params.get("locale") or settings.LANGUAGE_CODE
            params["search"] = analyse(params["search"], language)
            params.setdefault("search_operator", "or")
            if params["search_operator"] not in ("and", "or"):
                # Wagtail hands it to the backend, which raises: a 400, not a 500.
                raise BadRequestError("search_operator must be 'and' or 'or'")
            request._request.GET = params
        return super().filter_queryset(request, queryset, view)


class PagesAPIViewSet(BasePagesAPIViewSet):
    filter_backends = [
        AnalysedSearchFilter if backend is SearchFilter else backend
        for backend in BasePagesAPIViewSet.filter_backends
    ]
