"""Requests refused before anything reads them (home/errors.py shows why, in the address's
language)."""

from django.conf import settings

from home.errors import error_page


class RequestLimitsMiddleware:
    """A body larger than the largest upload and the rest of a form is refused (413) before it
    is read: Django would otherwise read and parse it all to refuse the file later. A NUL
    character in the path is refused (400): it names no page, and PostgreSQL refuses it in a query
    (filters in the query string ignore it instead, see search and news)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or ""
        # More digits than any real length has is too large, and more than `int` reads.
        if length.isdecimal() and (
            len(length) > 18 or int(length) > settings.REQUEST_BODY_MAX_BYTES
        ):
            return error_page(request, 413)
        if "\x00" in request.path_info:
            return error_page(request, 400)
        return self.get_response(request)
