"""The alerts' emails, written when they are sent (home/outbox.py), each in the language the
visitor asked in, each with a one-click unsubscribe (RFC 8058) and a link to manage the alerts."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.outbox import register
from news.models import EventPage, NewsPage
from programmes.models import ProgrammePage

from . import links
from .models import Alert
from .sending import DIGEST_EMAIL, EVENTS_EMAIL, MECHANISM_EMAIL, OPENED_EMAIL
from .subscribing import CONFIRMATION_EMAIL

PURPOSES = {
    CONFIRMATION_EMAIL: gettext_lazy("Alerts: confirm the address"),
    OPENED_EMAIL: gettext_lazy("Alerts: a programme opens"),
    MECHANISM_EMAIL: gettext_lazy("Alerts: a programme's mechanism is published"),
    DIGEST_EMAIL: gettext_lazy("Alerts: news of the day"),
    EVENTS_EMAIL: gettext_lazy("Alerts: new events"),
}


def _message(template, subject, context, unsubscribe_url):
    context = {**context, "site_name": _("Tamkeen"), "unsubscribe_url": unsubscribe_url}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"alerts/email/{template}.html", context), "text/html"
    )
    return message


def confirmation(email):
    subscriber = email.about
    language = email.context["language"]
    with translation.override(language):
        context = {
            "confirm_url": links.confirm_url(subscriber, language),
            "manage_url": links.manage_url(subscriber, language),
            "alerts": list(subscriber.alerts.filter(confirmed_at__isnull=True)),
        }
        return _message(
            "confirm",
            _("Confirm your alerts from Tamkeen"),
            context,
            links.manage_url(subscriber, language),
        )


def _alert_context(email, language):
    subscriber = email.about
    alert = Alert.objects.get(pk=email.context["alert"])
    return alert, {
        "alert": alert,
        "manage_url": links.manage_url(subscriber, language),
    }


def _programme_message(email, kind, subject):
    """A message about one programme, in the subscriber's language: `subject` (lazy, so that it
    is translated into that language) names the programme as "%(title)s"."""
    language = email.context["language"]
    with translation.override(language):
        alert, context = _alert_context(email, language)
        programme = ProgrammePage.objects.get(pk=email.context["programme"])
        context["programme"] = programme
        context["programme_url"] = programme.full_url
        subject = str(subject) % {"title": programme.title}
        return _message(kind, subject, context, links.unsubscribe_url(alert, language))


def opened(email):
    return _programme_message(email, "opened", gettext_lazy("Applications are open: %(title)s"))


def mechanism(email):
    return _programme_message(
        email, "mechanism", gettext_lazy("How to join is published: %(title)s")
    )


def digest(email):
    language = email.context["language"]
    with translation.override(language):
        alert, context = _alert_context(email, language)
        news = NewsPage.objects.filter(pk__in=email.context["news"]).order_by("first_published_at")
        context["news"] = [(item, item.full_url) for item in news]
        subject = _("New in %(category)s") % {"category": alert.subject}
        return _message("digest", subject, context, links.unsubscribe_url(alert, language))


def new_events(email):
    language = email.context["language"]
    with translation.override(language):
        alert, context = _alert_context(email, language)
        events = EventPage.objects.filter(pk__in=email.context["events"]).order_by("starts", "pk")
        context["events"] = [(event, event.full_url, event.written_start()) for event in events]
        return _message(
            "events", _("New events on Tamkeen"), context, links.unsubscribe_url(alert, language)
        )


def register_emails():
    register(CONFIRMATION_EMAIL, confirmation)
    register(OPENED_EMAIL, opened)
    register(MECHANISM_EMAIL, mechanism)
    register(DIGEST_EMAIL, digest)
    register(EVENTS_EMAIL, new_events)
