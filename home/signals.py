from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from . import roles


@receiver(post_save)
def grant_roles_on_new_page(sender, instance, created, raw=False, **kwargs):
    """Section index pages merged or created later get their editors and workflow at once."""
    if created and not raw and isinstance(instance, Page):
        roles.page_created(instance)
