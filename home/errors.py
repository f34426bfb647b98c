"""Pages for requests the site cannot answer as usual: a malformed address, a body too large to
read, a fault, an unreachable database. They need no database, so they are in the language of the
address (the database cannot be asked which page it is) and stand alone."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from home.numerals import file_size

# How long a client should wait before asking again while the database is out of reach.
RETRY_AFTER_SECONDS = 30

PAGES = {
    400: (
        _("This address is not valid"),
        _(
            "It contains characters that no page of the site uses. Check the link, or start "
            "again from the home page."
        ),
    ),
    403: (
        _("This form was not accepted"),
        _(
            "Your browser did not send the form with the cookie that protects it, or the form "
            "was open too long. Go back to the form: what you typed is usually still there. "
            "Reload it, make sure your browser accepts cookies from this site, and send it again."
        ),
    ),
    413: (
        _("What you sent is too large"),
        _(
            "The files sent with a form may be %(limit)s in all. Go back to the form, choose "
            "smaller files and send it again."
        ),
    ),
    500: (
        _("Server error"),
        _(
            "We could not show this page right now. Nothing you sent before has been lost. "
            "Please try again in a few minutes, or start again from the home page."
        ),
    ),
    503: (
        _("The site is briefly unavailable"),
        _(
            "The site cannot reach its data for a moment. Nothing you sent before has been "
            "lost. Please try again in a few minutes."
        ),
    ),
}


def error_page(request, status, back_url=None):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    title, message = PAGES[status]
    with translation.override(language):
        html = render_to_string(
            "errors/page.html",
            {
                "title": title,
                "message": message % {"limit": file_size(settings.UPLOAD_MAX_MB * 2**20)},
                "home_url": f"/{language}/",
                "back_url": back_url,
            },
        )
    return HttpResponse(html, status=status)


def csrf_failure(request, reason=""):
    """A form refused for its missing or stale CSRF cookie: said in the visitor's language, with
    the way back to the form (Django's own page speaks of "CSRF" to developers)."""
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return error_page(request, 403, back_url=referer if safe else None)


def bad_request(request, exception=None):
    return error_page(request, 400)


def server_error(request):
    """Django calls this while handling the exception, from whichever view or middleware raised
    it; a middleware could only catch the views' own, yet sessions, the page cache and logins
    query the database before any view runs. An unreachable database is an outage to wait out:
    503 and when to try again, rather than 500."""
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        response = error_page(request, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return error_page(request, 500)
