"""An association's accepted request becomes a draft opportunity in one action: pre-filled from
the answers, under the index of the request's language, and sent into the moderation workflow,
where a moderator approves it (or an editor completes it first)."""

import datetime

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from applications.models import Status
from programmes.models import Partner, Region

from .forms import REMOTE
from .models import HelpRequestPage, Skill, VolunteerOpportunityPage


class NotConvertible(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def source_named(model, name):
    """The source-language row of the snippet called `name` in any language, or None."""
    row = model.objects.filter(name__iexact=(name or "").strip()).first()
    if row is None:
        return None
    return row.get_translation_or_none(Locale.get_default()) or row


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def opportunity_made_from(submission):
    return VolunteerOpportunityPage.objects.filter(from_request=submission.reference).first()


def draft_opportunity(submission, user):
    """The draft opportunity answering this accepted request, created and submitted to the
    moderators; raises NotConvertible when it cannot be."""
    request_page = submission.page.specific
    if not isinstance(request_page, HelpRequestPage):
        raise NotConvertible(_("This submission is not an association's request."))
    if submission.status != Status.ACCEPTED:
        raise NotConvertible(_("Accept the request before making it an opportunity."))
    if opportunity_made_from(submission) is not None:
        raise NotConvertible(_("An opportunity was already made from this request."))
    answers = submission.form_data
    starts = _date(answers.get("starts")) or datetime.date.today()
    ends = _date(answers.get("ends")) or starts
    region = answers.get("region", "")
    opportunity = VolunteerOpportunityPage(
        title=answers.get("need", "")[:255] or submission.reference,
        slug=submission.reference.lower(),
        locale=request_page.locale,
        summary=answers.get("need", "")[:400],
        partner=source_named(Partner, answers.get("association")),
        region=None if region == REMOTE else source_named(Region, region),
        remote=region == REMOTE,
        starts=starts,
        ends=max(ends, starts),
        volunteers_wanted=max(1, min(int(answers.get("volunteers") or 1), 500)),
        body=[("paragraph", f"<p>{escape(answers.get('details', ''))}</p>")],
        from_request=submission.reference,
        live=False,
        owner=user,
    )
    skills = [source_named(Skill, name) for name in answers.get("skills", [])]
    opportunity.skills = [skill for skill in skills if skill is not None]
    with transaction.atomic():
        request_page.get_parent().add_child(instance=opportunity)
        revision = opportunity.save_revision(user=user, log_action=True)
        workflow = opportunity.get_workflow()
        if workflow is not None:
            workflow.start(opportunity, user)
    return opportunity, revision
