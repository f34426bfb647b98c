"""Every admin address the project adds says who may open it, and refuses everyone else.

The addresses are read from the URL configuration, so a new admin view that nobody has named
here fails the first test. Each is then opened, on the demo site, by every demo account (one per
role), a site administrator who is not a superuser, and a reviewer and a volunteer coordinator
to whom nothing is assigned: those named get what they came for, the others a refusal (403,
"not found", or Wagtail's return to the dashboard).

This holds that no admin address is left without a rule. What each action on applicants' data
shows and changes, role by role, is tested more closely in tests/applications/test_access_matrix.py.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail_localize.models import Translation

from applications.models import Registration, Submission, SubmissionFile
from home.management.commands.load_demo import DEMO_STAFF
from home.roles import APPLICATION_REVIEWERS, SITE_ADMINISTRATORS, VOLUNTEER_COORDINATORS
from tests.applications.conftest import PDF, not_found
from tests.conftest import sign_in_with_code
from volunteering.models import HelpRequestPage, ServiceHours

pytestmark = pytest.mark.django_db

# The demo's superuser and its account for each role.
ACCOUNTS = ["admin", *(username for username, *_rest in DEMO_STAFF)]
MORE_STAFF = {
    # A site administrator who is not a superuser.
    "site-administrator": SITE_ADMINISTRATORS,
    # Staff in a group whose work is assigned page by page, with nothing assigned.
    "unassigned-reviewer": APPLICATION_REVIEWERS,
    "unassigned-coordinator": VOLUNTEER_COORDINATORS,
}
EVERYONE = frozenset([*ACCOUNTS, *MORE_STAFF])
ADMINISTRATORS = frozenset(["admin", "site-administrator"])
# Those who have the translation permission: editors, moderators, translators (wagtail-localize
# offers them "Sync translated pages" on every page they see).
TRANSLATION_STAFF = ADMINISTRATORS | {
    *("programme-editor", "news-editor", "learning-editor", "volunteering-editor"),
    *("moderator", "translator"),
}
DASHBOARD = "/admin/"


def complaint():
    return Submission.objects.filter(page__slug="complaints").earliest("pk")


def uploaded_file():
    submission = complaint()
    return SubmissionFile.objects.create(
        submission=submission,
        field_name="document",
        file=ContentFile(PDF, name="evidence.pdf"),
        name="evidence.pdf",
        kind="pdf",
        size=len(PDF),
    )


def translation():
    """A translation of a demo page, its English target editable by translators."""
    return Translation.objects.filter(enabled=True, target_locale__language_code="en").earliest(
        "pk"
    )


def hours():
    return ServiceHours.objects.select_related("sign_up__page").earliest("pk")


def help_request():
    """An association's request for volunteers (the demo has none)."""
    return Submission.objects.create(
        page=HelpRequestPage.objects.get(locale__language_code="ar"),
        reference="TMK-2026-900001",
        email="samer@example.org",
        form_data={
            "association": "جمعية حلب للتنمية المجتمعية",
            "contact_name": "سامر الحلبي",
            "email": "samer@example.org",
            "need": "صيانة حواسيب متبرّع بها",
            "skills": ["صيانة الأجهزة"],
            "volunteers": 2,
        },
    )


def staff_member(username):
    return get_user_model().objects.get(username=username)


# {route: (address on the demo site, method, who may use it, why)}. The address is built when
# the test runs; a POST is sent empty.
ACCESS = {
    "admin/forms/": (
        lambda: "/admin/forms/",
        "GET",
        ADMINISTRATORS | {"reviewer", "coordinator"},
        "the forms whose submissions one reviews",
    ),
    "admin/two-factor/": (
        lambda: "/admin/two-factor/",
        "GET",
        EVERYONE,
        "one's own two-step login",
    ),
    "admin/two-factor/backup-codes/": (
        lambda: "/admin/two-factor/backup-codes/",
        "GET",
        EVERYONE,
        "one's own backup codes",
    ),
    "admin/two-factor/reset/<int:user_id>/": (
        lambda: f"/admin/two-factor/reset/{staff_member('translator').pk}/",
        "GET",
        ADMINISTRATORS,
        "another's two-step login, reset by a site administrator",
    ),
    "admin/translations/<int:translation_id>/submit/": (
        lambda: f"/admin/translations/{translation().pk}/submit/",
        "POST",
        ADMINISTRATORS | {"news-editor", "moderator", "translator"},
        "submitting an English news item's translation: who may edit it",
    ),
    "admin/localize/page/<int:page_id>/convert_to_alias/": (
        lambda: f"/admin/localize/page/{translation().get_target_instance().pk}/convert_to_alias/",
        "GET",
        ADMINISTRATORS | {"moderator"},
        "putting the Arabic text live on the English page: who may publish it",
    ),
    "admin/localize/update/<int:translation_source_id>/": (
        lambda: f"/admin/localize/update/{translation().source_id}/",
        "GET",
        TRANSLATION_STAFF,
        "bringing a changed source into its translations, without publishing them",
    ),
    "admin/applications/submissions/<int:pk>/": (
        lambda: f"/admin/applications/submissions/{complaint().pk}/",
        "GET",
        ADMINISTRATORS | {"reviewer"},
        "a complaint: the reviewers of the complaints form",
    ),
    "admin/applications/files/<int:pk>/": (
        lambda: f"/admin/applications/files/{uploaded_file().pk}/",
        "GET",
        ADMINISTRATORS | {"reviewer"},
        "a complaint's attached file: the same reviewers",
    ),
    "admin/applications/privacy/": (
        lambda: "/admin/applications/privacy/",
        "GET",
        ADMINISTRATORS | {"reviewer", "coordinator"},
        "finding an applicant's data, among the forms one reviews",
    ),
    "admin/applications/events/": (
        lambda: "/admin/applications/events/",
        "GET",
        ADMINISTRATORS | {"reviewer"},
        "the events whose registrations one reviews",
    ),
    "admin/applications/events/<int:pk>/": (
        lambda: f"/admin/applications/events/{Registration.objects.earliest('pk').event_id}/",
        "GET",
        ADMINISTRATORS | {"reviewer"},
        "an event's participants",
    ),
    "admin/indicators/recompute/": (
        lambda: "/admin/indicators/recompute/",
        "GET",
        ADMINISTRATORS | {"moderator"},
        "counting the computed indicators again",
    ),
    "admin/snippets/indicators/indicator/": (
        lambda: "/admin/snippets/indicators/indicator/",
        "GET",
        ADMINISTRATORS | {"moderator", "translator"},
        "the indicators, kept by moderators and translated by translators",
    ),
    "admin/alerts/": (
        lambda: "/admin/alerts/",
        "GET",
        EVERYONE,
        "how many addresses wait for each subject: counts, no address",
    ),
    "admin/alerts/export/": (
        lambda: "/admin/alerts/export/",
        "GET",
        ADMINISTRATORS,
        "every address with its consent",
    ),
    "admin/volunteering/hours/": (
        lambda: "/admin/volunteering/hours/",
        "GET",
        ADMINISTRATORS | {"coordinator"},
        "the opportunities whose volunteers' hours one records",
    ),
    "admin/volunteering/hours/<int:pk>/": (
        lambda: f"/admin/volunteering/hours/{hours().sign_up.page_id}/",
        "GET",
        ADMINISTRATORS | {"coordinator"},
        "an opportunity's volunteers and their hours",
    ),
    "admin/volunteering/hours/<int:pk>/withdraw/<int:entry>/": (
        lambda: f"/admin/volunteering/hours/{hours().sign_up.page_id}/withdraw/{hours().pk}/",
        "POST",
        ADMINISTRATORS | {"coordinator"},
        "withdrawing hours recorded by mistake",
    ),
    "admin/volunteering/requests/": (
        lambda: "/admin/volunteering/requests/",
        "GET",
        ADMINISTRATORS | {"reviewer"},
        "associations' requests for volunteers: the reviewers of the request form",
    ),
    "admin/volunteering/requests/<int:pk>/opportunity/": (
        lambda: f"/admin/volunteering/requests/{help_request().pk}/opportunity/",
        "POST",
        ADMINISTRATORS | {"reviewer"},
        "drafting an opportunity from a request",
    ),
    "admin/reports/unanswered-searches/": (
        lambda: "/admin/reports/unanswered-searches/",
        "GET",
        ADMINISTRATORS | {"moderator"},
        "searches that found nothing, for those who curate search",
    ),
}
# A listing's filters reload its results from "results/": open to the same people.
for listing in (
    "admin/forms/",
    "admin/snippets/indicators/indicator/",
    "admin/reports/unanswered-searches/",
):
    _address, method, allowed, why = ACCESS[listing]
    ACCESS[listing + "results/"] = (
        lambda listing=listing: f"/{listing}results/",
        method,
        allowed,
        why,
    )


def routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield prefix + str(pattern.pattern), view.__module__.partition(".")[0]


def project_admin_routes():
    """The admin's addresses whose views are written here (a package at the top of the
    repository), not by Wagtail or a library."""
    return {
        route
        for route, package in routes(get_resolver().url_patterns)
        if route.startswith("admin/") and (settings.BASE_DIR / package).is_dir()
    }


def test_every_admin_address_the_project_adds_says_who_may_use_it():
    assert project_admin_routes() == set(ACCESS)


def refused(client, response):
    """403, Wagtail's return to the dashboard, or not found."""
    if response.status_code == 403:
        return True
    if response.status_code == 302 and response["Location"] == DASHBOARD:
        return True
    return not_found(client, response)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.mark.parametrize("route", ACCESS)
def test_an_admin_address_serves_those_named_and_refuses_the_others(
    demo, private_media, client, route
):
    for username, group in MORE_STAFF.items():
        get_user_model().objects.create_user(username, f"{username}@tamkeen.example").groups.add(
            Group.objects.get(name=group)
        )
    address, method, allowed, _why = ACCESS[route]
    address = address()
    served = set()
    for username in sorted(EVERYONE):
        # Each in a world of their own: one's POST changes nothing the next one finds.
        with transaction.atomic():
            sign_in_with_code(client, staff_member(username))
            response = client.post(address) if method == "POST" else client.get(address)
            assert response.status_code < 500, username
            if not refused(client, response):
                served.add(username)
            transaction.set_rollback(True)
        client.logout()
    assert served == set(allowed)
