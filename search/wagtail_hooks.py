from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.models import SynonymGroup
from search.reports import PERMISSION, UnansweredSearchesReportView

# Words the demo's visitors type for what its pages call otherwise: an incubator (حاضنة) for the
# incubation track (احتضان), and a workshop typed in English on the Arabic site.
DEMO_SYNONYMS = ["احتضان = حاضنة", "ورشة = ورشة عمل = workshop"]

report_urls = (
    [
        path("", UnansweredSearchesReportView.as_view(), name="unanswered"),
        path(
            "results/",
            UnansweredSearchesReportView.as_view(results_only=True),
            name="unanswered_results",
        ),
    ],
    "search_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/unanswered-searches/", include(report_urls))]


class PermittedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return PermittedMenuItem(
        UnansweredSearchesReportView.page_title,
        reverse("search_reports:unanswered"),
        name="unanswered-searches",
        icon_name="search",
        order=1310,
    )


@hooks.register("demo_content_loaded")
def demo_synonyms():
    for words in DEMO_SYNONYMS:
        SynonymGroup.objects.get_or_create(words=words)
