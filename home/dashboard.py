"""Dashboard panels for staff: a titled list of pages, each linked to where the work is done."""

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home import roles
from home.translating import target_of


class PageListPanel(Component):
    """A dashboard panel listing pages; hidden when there is nothing to list."""

    template_name = "home/editors/page_list_panel.html"
    name = ""
    heading = ""
    order = 150

    def __init__(self, request):
        self.request = request

    def rows(self):
        """(title, url, note, language): the note is shown beside the linked title, which is
        marked as written in `language` (a page's) when that is not the admin's."""
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
            (
                page.get_admin_display_title(),
                edit_url(page),
                page.locale.get_display_name(),
                page.locale.language_code,
            )
            for page in pages
        ]


class ChangedSinceTranslatedPanel(PageListPanel):
    """Source pages published since their translations were last synchronised: translations
    follow what is published, so a draft waiting for a moderator is listed once approved.

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
            .annotate(edited_at=Subquery(pages.values("last_published_at")[:1]))
            .filter(edited_at__gt=F("last_updated_at"))
            .distinct()
            .order_by("-edited_at")[: self.limit]
        )
        return [
            (
                source.object_repr,
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                _("Published %(date)s") % {"date": date_format(localtime(source.edited_at))},
                settings.LANGUAGE_CODE,
            )
            for source in sources
        ]


def segment_count(segments):
    """A subquery counting `segments` (of the outer translation's source)."""
    return Subquery(segments.values("source_id").annotate(n=Count("pk")).values("n")[:1])


class UnfinishedTranslationsPanel(PageListPanel):
    """A translator's work waiting: translations with sentences still to translate, and pages
    translated to the end but never submitted to the moderators, in the languages the
    translator may edit, newest first (Reports → Translations lists every translation)."""

    name = "unfinished_translations"
    heading = _("Translations to finish")
    order = 115
    limit = 20

    def rows(self):
        user = self.request.user
        if not user.groups.filter(name=roles.TRANSLATORS).exists():
            return []
        segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=OuterRef(OuterRef("target_locale_id")),
            has_error=False,
        )
        never_published = Page.objects.filter(
            translation_key=OuterRef("source__object_id"),
            locale_id=OuterRef("target_locale_id"),
            live=False,
        )
        translations = (
            Translation.objects.filter(enabled=True)
            .exclude(target_locale__language_code=settings.LANGUAGE_CODE)
            .annotate(
                left=segment_count(segments.exclude(Exists(translated))),
                unpublished=Exists(never_published),
            )
            .filter(Q(left__gt=0) | Q(unpublished=True))
            .select_related("source", "target_locale")
            .order_by("-created_at")
        )
        finder = AdminURLFinder(user)
        rows = []
        for translation in translations:
            target = target_of(translation)
            url = target and finder.get_edit_url(target)
            if not url:
                continue
            if not translation.left:
                # Translated to the end: the translator's until it is with a moderator.
                state = target.current_workflow_state
                if state is None:
                    note = gettext("translated, not submitted yet")
                elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                    note = gettext("a moderator asked for changes")
                else:
                    continue
            else:
                note = ngettext(
                    "%(count)s sentence left to translate",
                    "%(count)s sentences left to translate",
                    translation.left,
                ) % {"count": translation.left}
            language = translation.target_locale.get_display_name()
            title = getattr(target, "get_admin_display_title", target.__str__)()
            rows.append(
                (title, url, f"{language}: {note}", translation.target_locale.language_code)
            )
            if len(rows) == self.limit:
                break
        return rows
