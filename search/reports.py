"""Admin report of the searches that found nothing, beside Wagtail's "Search terms" report."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

# Whoever may promote results for a term may see which terms need them.
PERMISSION = "wagtailsearchpromotions.add_searchpromotion"


class UnansweredSearchesReportView(SearchTermsReportView):
    """Each search that found nothing, or found pages only without some of its words (which
    it names), the most searched first."""

    page_title = _("Searches without an answer")
    index_url_name = "search_reports:unanswered"
    index_results_url_name = "search_reports:unanswered_results"
    columns = [
        *SearchTermsReportView.columns,
        Column("words_not_found", label=_("Words found nowhere")),
    ]
    export_headings = {
        **SearchTermsReportView.export_headings,
        "words_not_found": _("Words found nowhere"),
    }
    list_export = [*SearchTermsReportView.list_export, "words_not_found"]

    def get_base_queryset(self):
        return (
            Query.get_most_popular()
            .filter(unanswered__isnull=False)
            .annotate(words_not_found=F("unanswered__words_not_found"))
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
