from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import ReferenceIndex

from .models import EligibilityCriterion


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
