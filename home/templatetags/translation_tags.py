from django import template

from home.translating import submits_for_moderation

register = template.Library()


@register.simple_tag
def offers_submission(user, instance):
    """Whether the translation editor shows this user "Submit for moderation"."""
    return submits_for_moderation(user, instance)
