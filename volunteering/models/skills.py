"""What an opportunity asks for: the skills volunteers bring, and how many volunteers and hours
a week it may ask."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from programmes.models import NamedSnippet

MAX_HOURS_PER_WEEK = 40
MAX_VOLUNTEERS = 500


@register_snippet
class Skill(NamedSnippet):
    """What a volunteer brings: web development, device repair, training, data, design..."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_skill_slug_locale")
        ]
