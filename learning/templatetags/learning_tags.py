from django import template

from home.lookups import active_locale
from learning.models import LearningIndexPage, ModulePage, with_lesson_counts

register = template.Library()


@register.inclusion_tag("learning/tags/featured_modules.html", takes_context=True)
def featured_modules(context, limit=3):
    """Modules for the home page in the active language: featured ones first, then in the
    catalogue's order (editors arrange both)."""
    locale = active_locale()
    modules = with_lesson_counts(
        list(
            ModulePage.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("-featured", "path")[:limit]
        )
    )
    return {
        "modules": modules,
        "index": LearningIndexPage.objects.live().filter(locale=locale).first(),
        "request": context.get("request"),
    }
