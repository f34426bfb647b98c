import contextlib
import os

from django.core.files.storage import FileSystemStorage
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from news.models import EventPage
from programmes.models import ProgrammePage

from .models import ApplicationFormPage, DraftFile, Registration, SubmissionFile
from .registrations import free_place, offer_new_places


@receiver(post_delete, sender=DraftFile)
@receiver(post_delete, sender=SubmissionFile)
def delete_stored_file(sender, instance, **kwargs):
    """Erasing or expiring a submission (or a draft) erases its documents too, and on this
    machine's disk the folder named after its reference once the last of them is gone (a bucket
    has no folders)."""
    storage, name = instance.file.storage, instance.file.name
    instance.file.delete(save=False)
    if isinstance(storage, FileSystemStorage):
        with contextlib.suppress(OSError):  # other files still in it, or already removed
            os.rmdir(os.path.dirname(storage.path(name)))


@receiver(page_published, sender=ApplicationFormPage)
def become_programme_application_form(sender, instance, **kwargs):
    """A form published under a programme without an application form becomes its form."""
    parent = instance.get_parent()
    if parent is None or parent.specific_class is not ProgrammePage:
        return
    source = instance.get_translation_or_none(Locale.get_default()) or instance
    ProgrammePage.objects.filter(
        translation_key=parent.translation_key, application_page__isnull=True
    ).update(application_page=source)


@receiver(post_delete, sender=Registration)
def erased_registration_frees_its_place(sender, instance, **kwargs):
    """An applicant's data erased before the event gives their place to the first person
    waiting, as a cancellation does."""
    if instance.state == Registration.State.CONFIRMED:
        free_place(instance)


@receiver(page_published, sender=EventPage)
def more_places_go_to_those_waiting(sender, instance, **kwargs):
    """An event published with more places than before (or no limit) offers them at once."""
    offer_new_places(instance)
