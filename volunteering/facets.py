"""What volunteering adds to the site's search: the skill facet."""

from programmes.models import localized

from .models import VolunteerOpportunityPage


def skills(pages):
    """(page id, skill name in the page's language) for each skill of the opportunities among
    `pages`."""
    opportunities = list(
        VolunteerOpportunityPage.objects.live()
        .filter(pk__in=pages.values("pk"))
        .prefetch_related("skills")
        .only("pk", "locale_id")
    )
    pairs = []
    for opportunity in opportunities:
        for skill in localized(list(opportunity.skills.all()), opportunity.locale_id):
            pairs.append((opportunity.pk, skill.name))
    return pairs
