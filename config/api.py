"""The read-only Wagtail API v2."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from indicators.api import IndicatorsAPIViewSet
from search.api import PagesAPIViewSet

# Far past any real result, well within the database's integers.
MAX_OFFSET = 10**9


class Pagination(WagtailPagination):
    """Wagtail's, with an offset the database can take: it would pass any number on."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # not a number: Wagtail answers 400 itself
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class Checked:
    """What an endpoint answers to query strings Wagtail hands to the database as they came."""

    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            raise BadRequestError("query parameters cannot contain NUL characters")
        if "search" in request.GET and not request.GET["search"].strip():
            # Blank words are no search: the database backends fail on a query of spaces.
            params = request.GET.copy()
            params["search"] = ""
            request._request.GET = params

    def find_object(self, queryset, request):
        try:
            return super().find_object(queryset, request)
        except ValueError:  # `?id=` that is not a number finds nothing
            return None


class Pages(Checked, PagesAPIViewSet):
    pass


class Images(Checked, ImagesAPIViewSet):
    pass


class Documents(Checked, DocumentsAPIViewSet):
    pass


class Indicators(Checked, IndicatorsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
api_router.register_endpoint("indicators", Indicators)
