"""The reviewers' dashboard panel: the forms with submissions nobody has started reviewing."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.dashboard import PageListPanel

from .access import reviewable_submissions
from .models import Status


class NewSubmissionsPanel(PageListPanel):
    """Per form the user may review, how many submissions are still "received", linked to that
    form's list filtered by that status; one query whatever the number of forms. An event's
    registrations are confirmed as they come (Event registrations lists them): none waits here."""

    name = "new_submissions"
    heading = _("New submissions to review")
    order = 110
    limit = 20

    def rows(self):
        forms = (
            reviewable_submissions(self.request.user)
            .filter(status=Status.RECEIVED, registration__isnull=True)
            .values("page_id", "page__draft_title", "page__locale__language_code")
            .annotate(waiting=Count("pk"))
            .order_by("-waiting", "page__draft_title")[: self.limit]
        )
        return [
            (
                form["page__draft_title"],
                reverse("wagtailforms:list_submissions", args=[form["page_id"]])
                + f"?status={Status.RECEIVED}",
                ngettext("%(count)d new submission", "%(count)d new submissions", form["waiting"])
                % {"count": form["waiting"]},
                form["page__locale__language_code"],
            )
            for form in forms
        ]
