"""Security headers that Django's SecurityMiddleware does not set itself."""

from functools import cache

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


@cache
def _admin_prefix():
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public site's strict policy everywhere, the admin's looser one under the admin's URL.

    Wagtail's admin still writes inline scripts and styles and compiles templates with
    `new Function`, so its pages get `CONTENT_SECURITY_POLICY_ADMIN`; public pages never do.
    A page's preview is a public page the admin frames: Wagtail renders it with a request of its
    own, at the page's address, through this middleware; it may be framed by the site itself.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            if request.path_info.startswith(_admin_prefix()):
                parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
            elif getattr(request, "is_preview", False):
                parts.config = settings.CONTENT_SECURITY_POLICY_PREVIEW["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        if getattr(request, "is_preview", False):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Turns off the browser features no page of the site uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_OFF)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
