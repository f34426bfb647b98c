from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import get_page_models

from . import roles


def grant_roles_on_new_page(sender, instance, created, raw=False, **kwargs):
    """Section index pages merged or created later get their editors and workflow at once."""
    if created and not raw:
        roles.page_created(instance)


def listen():
    for model in get_page_models():
        post_save.connect(
            grant_roles_on_new_page, sender=model, dispatch_uid=f"roles-{model._meta.label_lower}"
        )


# Logins join the content actions in the admin's site history (Reports → Site history).
@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log(instance=user, action="home.login", user=user)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        log(instance=user, action="home.logout", user=user)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    user = get_user_model().objects.filter(username=credentials.get("username")).first()
    if user is not None:
        log(instance=user, action="home.login_failed", user=None)
