"""The confirmation to the applicant and the notification to the programme team, each in plain
text and HTML, in the language the form was filled in. Submitted text is escaped in the HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Submission


def _answers(submission, page):
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    rows = []
    for name, value in submission.form_data.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((labels.get(name, name), value))
    return rows


def _message(template, subject, context, to, reply_to=None):
    text = render_to_string(f"applications/email/{template}.txt", context)
    html = render_to_string(f"applications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=context["from_email"],
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_emails(submission: Submission):
    """Send whichever of the two emails has not been sent yet; raises when sending fails, after
    recording which ones went out."""
    page = submission.page.specific
    with translation.override(submission.language):
        context = {
            "submission": submission,
            "page": page,
            "answers": _answers(submission, page),
            "site_name": _("Tamkeen"),
            "from_email": page.from_address or settings.DEFAULT_FROM_EMAIL,
            "status_url": _status_url(page),
        }
        if submission.needs_notification(page):
            recipients = [a.strip() for a in page.to_address.split(",") if a.strip()]
            subject = page.subject or _("New submission: %(form)s") % {"form": page.title}
            subject = f"{subject} [{submission.reference}]"
            reply_to = [submission.email] if submission.email else None
            _message("notification", subject, context, recipients, reply_to).send()
            submission.notification_sent_at = timezone.now()
            submission.save(update_fields=["notification_sent_at"])
        if submission.needs_confirmation:
            subject = _("We received your submission %(reference)s") % {
                "reference": submission.reference
            }
            _message("confirmation", subject, context, [submission.email]).send()
            submission.confirmation_sent_at = timezone.now()
            submission.save(update_fields=["confirmation_sent_at"])


def _status_url(page):
    from .models import FormIndexPage

    index = FormIndexPage.objects.filter(locale_id=page.locale_id).live().first()
    return index.full_url + index.reverse_subpage("status") if index else ""
