from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import ReferenceIndex

from home.dashboard import PageListPanel, edit_url

from .models import EligibilityCriterion, ProgrammePage, site_today


@hooks.register("before_delete_snippet")
def keep_criteria_in_use(request, instances):
    """A criterion a programme still lists is not deleted: the programme would silently lose a
    condition of joining. The editor is shown where it is used instead."""
    in_use = [
        obj
        for obj in instances
        if isinstance(obj, EligibilityCriterion) and ReferenceIndex.get_references_to(obj).exists()
    ]
    if not in_use:
        return None
    messages.error(
        request,
        _("“%(criterion)s” is used by programmes: remove it from them before deleting it.")
        % {"criterion": in_use[0]},
    )
    return redirect(
        reverse("wagtailsnippets_programmes_eligibilitycriterion:usage", args=[in_use[0].pk])
    )


class ClosingSoonPanel(PageListPanel):
    """Programmes whose applications close within the next days, soonest first."""

    name = "closing_soon"
    heading = gettext_lazy("Programmes closing soon")
    order = 130
    days = 30

    def rows(self):
        today = site_today()
        pages = (
            ProgrammePage.objects.live()
            .filter(closes__gte=today, closes__lte=today + timedelta(days=self.days))
            .select_related("locale")
            .order_by("closes", "title")
        )
        return [
            (
                page.get_admin_display_title(),
                edit_url(page),
                date_format(page.closes),
                page.locale.language_code,
            )
            for page in pages
        ]


@hooks.register("construct_homepage_panels")
def closing_soon_panel(request, panels):
    panels.append(ClosingSoonPanel(request))
