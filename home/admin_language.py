"""The admin answers each member of staff in the language they chose (Account → Language) on
every response, not only from inside its views.

Wagtail switches to that language around each admin view, but writes its refusal ("you do not
have permission to access this area") after the view has raised, in the request's language: for
an admin address, which has no language prefix, the browser's. An Arabic-speaking editor whose
browser asks for English then read the one refusal in English. Two-step login's refusal of a
request that still owes a code is written before any view, likewise.
"""

import functools

from django.urls import reverse
from django.utils import translation


@functools.cache
def admin_path():
    return reverse("wagtailadmin_home")


def chosen_language(user):
    """The admin language `user` chose, or None (no profile, or the site's default)."""
    profile = getattr(user, "wagtail_userprofile", None)
    return profile.get_preferred_language() if profile is not None else None


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(admin_path()) and request.user.is_authenticated:
            language = chosen_language(request.user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
