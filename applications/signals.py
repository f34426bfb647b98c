from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from .models import ApplicationFormPage, SubmissionFile


@receiver(post_delete, sender=SubmissionFile)
def delete_stored_file(sender, instance, **kwargs):
    """Erasing or expiring a submission erases its documents too."""
    instance.file.delete(save=False)


@receiver(page_published, sender=ApplicationFormPage)
def become_programme_application_form(sender, instance, **kwargs):
    """A form published under a programme without an application form becomes its form."""
    from programmes.models import ProgrammePage

    parent = instance.get_parent()
    if parent is None or parent.specific_class is not ProgrammePage:
        return
    source = instance.get_translation_or_none(Locale.get_default()) or instance
    ProgrammePage.objects.filter(
        translation_key=parent.translation_key, application_page__isnull=True
    ).update(application_page=source)
