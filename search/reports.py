"""Admin report of the searches that found nothing, beside Wagtail's "Search terms" report."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

# Whoever may promote results for a term may see which terms need them.
PERMISSION = "wagtailsearchpromotions.add_searchpromotion"


class UnansweredSearchesReportView(SearchTermsReportView):
    page_title = _("Searches with no result")
    index_url_name = "search_reports:unanswered"
    index_results_url_name = "search_reports:unanswered_results"

    def get_base_queryset(self):
        return Query.get_most_popular().filter(unanswered__isnull=False)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
