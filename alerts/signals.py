from django.dispatch import receiver
from wagtail.signals import page_published

from programmes.models import ProgrammePage

from .sending import mechanism_published


@receiver(page_published, sender=ProgrammePage)
def tell_those_waiting_for_the_mechanism(sender, instance, **kwargs):
    mechanism_published(instance)
