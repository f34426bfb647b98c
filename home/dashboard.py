"""Dashboard panels for staff: a titled list of pages, each linked to its editor."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page


class PageListPanel(Component):
    """A dashboard panel listing pages; hidden when there is nothing to list."""

    template_name = "home/editors/page_list_panel.html"
    name = ""
    heading = ""
    order = 150

    def __init__(self, request):
        self.request = request

    def rows(self):
        """(page, note) pairs; the note is shown beside the title."""
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {"panel": self, "rows": list(self.rows())}


class MyDraftsPanel(PageListPanel):
    name = "my_drafts"
    order = 120
    limit = 10

    heading = _("Your drafts")

    def rows(self):
        pages = (
            Page.objects.filter(
                has_unpublished_changes=True, latest_revision__user=self.request.user
            )
            .select_related("locale")
            .order_by("-latest_revision_created_at")[: self.limit]
        )
        return [(page, page.locale.get_display_name()) for page in pages]
