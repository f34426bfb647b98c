"""Dashboard panels for staff: a titled list of pages, each linked to where the work is done."""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import TranslationSource


class PageListPanel(Component):
    """A dashboard panel listing pages; hidden when there is nothing to list."""

    template_name = "home/editors/page_list_panel.html"
    name = ""
    heading = ""
    order = 150

    def __init__(self, request):
        self.request = request

    def rows(self):
        """(title, url, note) triples; the note is shown beside the linked title."""
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {"panel": self, "rows": list(self.rows())}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class MyDraftsPanel(PageListPanel):
    name = "my_drafts"
    heading = _("Your drafts")
    order = 120
    limit = 10

    def rows(self):
        pages = (
            Page.objects.filter(
                has_unpublished_changes=True, latest_revision__user=self.request.user
            )
            .select_related("locale")
            .order_by("-latest_revision_created_at")[: self.limit]
        )
        return [
            (page.get_admin_display_title(), edit_url(page), page.locale.get_display_name())
            for page in pages
        ]


class ChangedSinceTranslatedPanel(PageListPanel):
    """Source pages edited since their translations were last synchronised.

    Following the link brings the changes into the translations (wagtail-localize's "sync"): only
    the new or changed sentences are then left to translate.
    """

    name = "changed_since_translated"
    heading = _("Changed since translated")
    order = 125
    limit = 20

    def rows(self):
        if not self.request.user.has_perm("wagtail_localize.submit_translation"):
            return []
        pages = Page.objects.filter(
            translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id")
        )
        sources = (
            TranslationSource.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE,
                translations__enabled=True,
            )
            .annotate(edited_at=Subquery(pages.values("latest_revision_created_at")[:1]))
            .filter(edited_at__gt=F("last_updated_at"))
            .distinct()
            .order_by("-edited_at")[: self.limit]
        )
        return [
            (
                source.object_repr,
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                _("Edited %(date)s") % {"date": date_format(localtime(source.edited_at))},
            )
            for source in sources
        ]
