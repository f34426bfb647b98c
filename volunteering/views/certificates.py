"""Certificates of service: a volunteer asks for theirs, anybody checks one by its code."""

from django.http import Http404, HttpResponseRedirect

from applications.views import find_submission, rate_limited
from home import ratelimit

from ..certificates import certificate_for, is_sign_up
from ..forms import CertificateRequestForm, VerifyForm
from ..models.hours import ServiceCertificate


def ask_for_certificate(index, request):
    """A volunteer asks for the certificate of their hours with their sign-up's reference and
    email: no account needed."""
    context = {"form": CertificateRequestForm(), "checked": False}
    if request.method == "POST":
        if not ratelimit.allow(request, "certificate"):
            return rate_limited(request)
        form = CertificateRequestForm(request.POST)
        context["form"] = form
        if form.is_valid():
            sign_up = find_submission(form.cleaned_data["reference"], form.cleaned_data["email"])
            signed_up = is_sign_up(sign_up)
            certificate = certificate_for(sign_up) if signed_up else None
            if certificate is not None:
                return HttpResponseRedirect(
                    index.route_url("service_certificate", code=certificate.code)
                )
            context.update(checked=True, found=signed_up)
    response = index.render(
        request, template="volunteering/ask_for_certificate.html", context_overrides=context
    )
    if context["form"].errors:
        response.status_code = 400
    return response


def verify(index, request):
    form = VerifyForm(request.GET or None)
    context = {"form": form, "checked": False}
    if form.is_bound and form.is_valid():
        if not ratelimit.allow(request, "verify"):
            return rate_limited(request)
        context["checked"] = True
        context["certificate"] = ServiceCertificate.objects.find(form.cleaned_data["code"])
    return index.render(request, template="volunteering/verify.html", context_overrides=context)


def service_certificate(index, request, code):
    if not ratelimit.allow(request, "verify"):
        return rate_limited(request)
    certificate = ServiceCertificate.objects.find(code)
    if certificate is None:
        raise Http404
    return index.render(
        request,
        template="volunteering/certificate.html",
        context_overrides={
            "certificate": certificate,
            "verify_url": request.build_absolute_uri(index.route_url("verify")),
        },
    )
