"""What the indicators can count of the applications: received and accepted, per programme and
per governorate (registered in apps.py with home.figures)."""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.figures import end_of, register_computation
from programmes.models import ProgrammePage, Region

from .models import ApplicationFormField, ApplicationFormPage, FieldType, Status, Submission


def forms_of(programmes):
    """Every form page (in every language) whose submissions are applications to one of
    `programmes`: their application forms and the forms placed under them."""
    chosen = ApplicationFormPage.objects.filter(pk__in=programmes.values("application_page_id"))
    under = Q()
    for path in programmes.values_list("path", flat=True):
        under |= Q(path__startswith=path)
    return ApplicationFormPage.objects.filter(
        Q(translation_key__in=chosen.values("translation_key")) | under
    )


def _submissions(programme, accepted):
    """Applications to `programme`, or to any programme: never survey answers, complaints,
    registrations or sign-ups, which are submissions too."""
    programmes = ProgrammePage.objects.all()
    if programme is not None:
        programmes = programmes.filter(translation_key=programme.translation_key)
    submissions = Submission.objects.filter(page__in=forms_of(programmes))
    if accepted:
        submissions = submissions.filter(status=Status.ACCEPTED)
    return submissions


def _total(accepted):
    def compute(programme, until=None):
        submissions = _submissions(programme, accepted)
        if until is not None:
            # Accepted by then: accepted now, and since before then (a decision reversed
            # later is not known).
            changed = "status_changed_at" if accepted else "submit_time"
            submissions = submissions.filter(**{f"{changed}__lt": end_of(until)})
        return [("", submissions.count())]

    return compute


def _by_governorate(accepted):
    """Counts per governorate, named in the site's default language whatever the language the
    applicant chose; applications without a governorate are left out."""

    def compute(programme):
        submissions = _submissions(programme, accepted)
        keys = set(
            ApplicationFormField.objects.filter(
                page__in=submissions.values("page"), field_type=FieldType.REGION
            ).values_list("clean_name", flat=True)
        )
        default = Locale.get_default()
        names = {}
        for region in Region.objects.select_related("locale"):
            names[region.name] = region.translation_key
        in_default = {r.translation_key: r.name for r in Region.objects.filter(locale=default)}
        counts = Counter()
        for data in submissions.values_list("form_data", flat=True):
            for key in keys:
                name = (data or {}).get(key)
                if name:
                    counts[in_default.get(names.get(name), name)] += 1
                    break
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    return compute


def register_figures():
    register_computation("applications_received", _("Applications received"), _total(False))
    register_computation("applications_accepted", _("Applications accepted"), _total(True))
    register_computation(
        "applications_received_by_governorate",
        _("Applications received, per governorate"),
        _by_governorate(False),
        breakdown=True,
    )
    register_computation(
        "applications_accepted_by_governorate",
        _("Applications accepted, per governorate"),
        _by_governorate(True),
        breakdown=True,
    )
