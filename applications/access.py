"""Who sees applicants' personal data: the reviewers a form names, and the site administrators.

Every view of submissions (lists, exports, review, files, applicant data, dashboard, menu) asks
`reviewable_forms`; Wagtail's own form views ask it through the `filter_form_submissions_for_user`
hook, which replaces Wagtail's rule (whoever may edit a form page sees its submissions).

A feature app whose pages take submissions through this machinery (volunteering's opportunities,
whose coordinators review their sign-ups) names its own reviewers with `register_reviewers` in
its AppConfig.ready(), so this module imports no other feature app.
"""

from django.db.models import Q
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from home.roles import APPLICATION_REVIEWERS, SITE_ADMINISTRATORS

from .models.submissions import Submission, SubmissionFile

# Functions user → queryset of the page ids that user reviews besides the forms naming them.
REVIEWERS = []


def register_reviewers(pages_reviewed_by):
    REVIEWERS.append(pages_reviewed_by)


def is_site_administrator(user):
    # Asked by several checks in one request: kept on the user, as Django keeps permissions.
    if not hasattr(user, "_site_administrator_cache"):
        user._site_administrator_cache = user.is_active and (
            user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists()
        )
    return user._site_administrator_cache


def reviewable_forms(user):
    """The form pages whose submissions `user` may list, read, export, change and erase:
    every form for a site administrator; for a member of the reviewers group, the forms whose
    published version names them; the pages a registered feature gives them (a volunteer
    coordinator's opportunities); none for anybody else, whatever pages they may edit."""
    if not user.is_active:
        return Page.objects.none()
    forms = Page.objects.filter(content_type__in=get_form_types())
    if is_site_administrator(user):
        return forms
    # One filter() call: both conditions hold for the same reviewer row.
    named = forms.filter(
        applicationformpage__reviewers=user,
        applicationformpage__reviewers__groups__name=APPLICATION_REVIEWERS,
    ).values("pk")
    condition = Q(pk__in=named)
    for pages_reviewed_by in REVIEWERS:
        condition |= Q(pk__in=pages_reviewed_by(user))
    return forms.filter(condition)


def reviewable_submissions(user):
    return Submission.objects.filter(page__in=reviewable_forms(user))


def reviewable_files(user):
    return SubmissionFile.objects.filter(submission__page__in=reviewable_forms(user))
