"""The visitor's side of alerts: ask, confirm, leave, manage. No account: every link carries a
signed token for one address.

The forms here change nothing without the token or the emailed confirmation, so they take no
CSRF token: a forged post can at most ask for a confirmation email, as anyone typing the address
could, and the pages that show them stay cacheable. Unsubscribing answers RFC 8058's one-click
POST from mail clients, which carry no cookie.
"""

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.ratelimit import allow

from . import subscribing, tokens
from .forms import AlertForm
from .models import Alert, Subscriber


def _page(request, template, status=200, **context):
    response = render(request, f"alerts/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    language = get_language()
    if request.method == "GET":
        form = AlertForm(initial=request.GET.dict(), language=language)
        return _page(request, "subscribe", form=form)
    form = AlertForm(request.POST, language=language)
    if form.is_robot:
        return redirect("alerts:sent")
    if not allow(request, "alerts"):
        form.is_valid()
        form.add_error(None, _("Too many requests from your connection. Try again in a while."))
        return _page(request, "subscribe", status=429, form=form)
    if not form.is_valid():
        return _page(request, "subscribe", status=400, form=form)
    subject = form.cleaned_data["subject"]
    subscribing.ask(form.cleaned_data["email"], language, form.cleaned_data["kind"], **subject)
    return redirect("alerts:sent")


@never_cache
def sent(request):
    return _page(request, "sent")


def _subscriber(reader, token):
    try:
        pk, email = reader(token)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    subscriber = Subscriber.objects.filter(pk=pk, email=email).first()
    return subscriber, None if subscriber else "gone"


@never_cache
def confirm(request, token):
    subscriber, problem = _subscriber(tokens.read_confirm, token)
    if subscriber is None:
        return _page(request, "confirmed", status=400, problem=problem)
    confirmed = subscribing.confirm(subscriber)
    return _page(
        request,
        "confirmed",
        confirmed=confirmed,
        manage_url=reverse("alerts:manage", args=[tokens.manage_token(subscriber)]),
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (mail scanners follow links); POST removes the alert, the one-click way too."""
    try:
        pk, email = tokens.read_unsubscribe(token)
    except signing.BadSignature:
        return _page(request, "unsubscribed", status=400, problem="invalid")
    alert = Alert.objects.filter(pk=pk, subscriber__email=email).select_related("subscriber")
    alert = alert.first()
    if alert is None:
        # Used before, or the address was erased: nothing left to stop.
        return _page(request, "unsubscribed", problem="gone")
    if request.method == "GET":
        return _page(request, "unsubscribe", alert=alert)
    subscribing.leave(alert)
    return _page(request, "unsubscribed", subject=alert.subject)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber, problem = _subscriber(tokens.read_manage, token)
    if subscriber is None:
        status = 400 if problem == "invalid" else 200
        return _page(request, "unsubscribed", status=status, problem=problem or "gone")
    language = get_language()
    form = AlertForm(language=language)
    if request.method == "POST" and request.POST.get("action") == "add":
        # Another alert, chosen on this page: the link proves the address, nothing to confirm.
        form = AlertForm(
            {"email": subscriber.email, "choice": request.POST.get("choice", "")}, language=language
        )
        if form.is_valid():
            subject = form.cleaned_data["subject"]
            subscribing.ask(
                subscriber.email, language, form.cleaned_data["kind"], **subject, known=True
            )
            return redirect(f"{request.path}?added=1")
    elif request.method == "POST":
        # "Stop everything", from the page or as the confirmation email's one-click unsubscribe.
        subscribing.erase(subscriber)
        return _page(request, "unsubscribed", everything=True)
    alerts = [
        (alert, reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(alert)]))
        for alert in subscriber.alerts.select_related("programme", "category")
    ]
    return _page(
        request,
        "manage",
        status=400 if form.errors else 200,
        subscriber=subscriber,
        alerts=alerts,
        form=form,
        added=request.GET.get("added") == "1",
    )
