"""Recording a volunteer's hours: only by a coordinator of the opportunity, only for an accepted
sign-up, only hours that could have been given (half an hour or more, and never more in all than
the opportunity's hours a week for each of its weeks), only on a day the opportunity ran. A
coordinator withdraws an entry recorded by mistake; certificates already issued keep the total
they certify, and the next one counts what is left."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from applications.models import Status

from .access import may_record_hours
from .models import ServiceHours, lock
from .models.hours import hours_given


class HoursRefused(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


def record_hours(user, opportunity, sign_up, hours, served_on, note=""):
    """Store the hours, or raise HoursRefused saying why."""
    if not may_record_hours(user, opportunity):
        raise HoursRefused(_("You are not a coordinator of this opportunity."))
    if sign_up.page.translation_key != opportunity.translation_key:
        raise HoursRefused(_("This volunteer did not sign up for this opportunity."))
    if sign_up.status != Status.ACCEPTED:
        raise HoursRefused(_("Accept the sign-up before recording hours."))
    if hours <= 0:
        raise HoursRefused(_("Record at least half an hour."), "hours")
    if served_on < opportunity.starts or served_on > opportunity.ends:
        raise HoursRefused(_("Give a day between the opportunity's start and end."), "served_on")
    with transaction.atomic():
        # One record at a time per opportunity, so that two cannot both pass the ceiling.
        lock(opportunity)
        most = opportunity.most_hours()
        if hours_given(sign_up) + hours > most:
            raise HoursRefused(
                _(
                    "That is more hours than this opportunity allows: at most %(most)s hours in "
                    "all for one volunteer (%(weekly)s hours a week while it runs)."
                )
                % {"most": f"{most:g}", "weekly": opportunity.hours_per_week},
                "hours",
            )
        return ServiceHours.objects.create(
            sign_up=sign_up, hours=hours, served_on=served_on, note=note, recorded_by=user
        )


def withdraw_hours(user, opportunity, entry):
    """Delete an entry recorded by mistake, and say so in the admin's history."""
    if not may_record_hours(user, opportunity):
        raise HoursRefused(_("You are not a coordinator of this opportunity."))
    if entry.sign_up.page.translation_key != opportunity.translation_key:
        raise HoursRefused(_("This volunteer did not sign up for this opportunity."))
    with transaction.atomic():
        log(entry, "wagtail.delete", user=user)
        entry.delete()
