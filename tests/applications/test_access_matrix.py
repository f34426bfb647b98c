"""Applicants' personal data is open to the reviewers a form names and to site administrators, and
to nobody else, whatever pages they may edit: every demo role against every action on the
submissions of one form.

The form is an English application form under a programme, so that the programme editors, the
moderators and the translators may edit its page: the people Wagtail's own rule let in.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from applications.models import Status, Submission, SubmissionFile
from home.roles import (
    APPLICATION_REVIEWERS,
    MODERATORS,
    SECTIONS,
    SITE_ADMINISTRATORS,
    TRANSLATORS,
    setup_roles,
)
from tests.applications.conftest import PDF, assign, body, list_url, not_found, review_url
from tests.factories import (
    ApplicationFormPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = "sara@example.org"
DASHBOARD = reverse("wagtailadmin_home")

ROLES = {
    "programme-editor": [SECTIONS["programmes"].editors],
    "news-editor": [SECTIONS["news"].editors],
    "learning-editor": [SECTIONS["learning"].editors],
    "moderator": [MODERATORS],
    "translator": [TRANSLATORS],
    "reviewer": [APPLICATION_REVIEWERS],
    "reviewer-of-another-form": [APPLICATION_REVIEWERS],
    "site-administrator": [SITE_ADMINISTRATORS],
    "superuser": [],
}
ALLOWED = {"reviewer", "site-administrator", "superuser"}


@pytest.fixture
def site(home, english_home, settings):
    """The form, another form, one submission with a file, and `account(role)`."""
    # Two-step login is tested on its own; here every account is signed in completely.
    settings.TWO_FACTOR_REQUIRED_GROUPS = []
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
    english = Locale.objects.get(language_code="en")
    programmes = ProgrammeIndexPageFactory(parent=home).copy_for_translation(english)
    programmes.save_revision().publish()
    programme = ProgrammePageFactory(parent=programmes, locale=english)
    form = ApplicationFormPageFactory(parent=programme, locale=english, title="Apply")
    other = ApplicationFormPageFactory(parent=programme, locale=english, title="Complaints")
    setup_roles()

    def account(role):
        user = StaffUserFactory(username=role, groups=ROLES[role], is_superuser=role == "superuser")
        if role == "reviewer":
            assign(form, user)
        if role == "reviewer-of-another-form":
            assign(other, user)
        return user

    submission = Submission.objects.create(
        page=form,
        reference="TMK-2026-000001",
        email=EMAIL,
        language="en",
        form_data={"full_name": "Sara Ahmad", "email": EMAIL, "consent": True},
    )
    stored = SubmissionFile(
        submission=submission, field_name="document", name="cv.pdf", kind="pdf", size=len(PDF)
    )
    stored.file.save("cv.pdf", ContentFile(PDF), save=True)
    return {"form": form, "submission": submission, "file": stored, "account": account}


def forms_index(client, site):
    response = client.get(reverse("wagtailforms:index"))
    return response, response.status_code == 200 and site["form"].title in body(response).decode()


def submissions_list(client, site):
    response = client.get(list_url(site["form"]))
    return response, response.status_code == 200 and EMAIL in body(response).decode()


def csv_export(client, site):
    response = client.get(list_url(site["form"], "?export=csv"))
    return response, response.status_code == 200 and EMAIL in body(response).decode("utf-8-sig")


def xlsx_export(client, site):
    response = client.get(list_url(site["form"], "?export=xlsx"))
    if response.status_code != 200:
        return response, False
    sheet = load_workbook(io.BytesIO(body(response))).active
    return response, EMAIL in [cell.value for row in sheet.iter_rows() for cell in row]


def review_page(client, site):
    response = client.get(review_url(site["submission"]))
    return response, response.status_code == 200 and EMAIL in response.content.decode()


def status_change(client, site):
    response = client.post(review_url(site["submission"]), {"status": Status.ACCEPTED})
    return response, Submission.objects.get(pk=site["submission"].pk).status == Status.ACCEPTED


def file_download(client, site):
    response = client.get(reverse("applications_download", args=[site["file"].pk]))
    return response, response.status_code == 200 and body(response) == PDF


def applicant_export(client, site):
    response = client.get(
        reverse("applications_privacy"),
        {"reference": site["submission"].reference, "export": "json"},
    )
    exported = response.get("Content-Type", "").startswith("application/json")
    return response, exported and EMAIL in response.content.decode()


def erasure(client, site):
    response = client.post(
        reverse("applications_privacy"), {"reference": site["submission"].reference, "erase": "1"}
    )
    return response, not Submission.objects.filter(pk=site["submission"].pk).exists()


def dashboard_panel(client, site):
    response = client.get(DASHBOARD)
    link = list_url(site["form"], f"?status={Status.RECEIVED}")
    return response, response.status_code == 200 and link in response.content.decode()


ACTIONS = [
    forms_index,
    submissions_list,
    csv_export,
    xlsx_export,
    review_page,
    status_change,
    file_download,
    applicant_export,
    erasure,
    dashboard_panel,
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_forms_reviewers_and_site_administrators_reach_its_submissions(
    client, site, role, action
):
    client.force_login(site["account"](role))
    response, done = action(client, site)
    assert done == (role in ALLOWED)
    if role not in ALLOWED:
        # Refused (sent back to the dashboard, or not found) with nothing of the applicant
        # shown and nothing changed or deleted.
        assert response.status_code in (200, 302)
        if response.status_code == 302 and response["Location"] != DASHBOARD:
            assert not_found(client, response)
        assert EMAIL not in body(response).decode(errors="replace")
        submission = Submission.objects.get(pk=site["submission"].pk)
        assert submission.status == Status.RECEIVED
        assert SubmissionFile.objects.filter(submission=submission).exists()
        assert site["file"].file.storage.exists(site["file"].file.name)


def test_a_guessed_submission_of_another_form_is_not_found(client, site):
    client.force_login(site["account"]("reviewer-of-another-form"))
    assert not_found(client, client.get(review_url(site["submission"])))
    download = client.get(reverse("applications_download", args=[site["file"].pk]))
    assert not_found(client, download)


def test_the_refused_editors_may_edit_the_form_page_itself(site):
    """What the matrix refuses them is not hidden by a missing page permission."""
    for role in ("programme-editor", "moderator", "translator"):
        assert site["form"].permissions_for_user(site["account"](role)).can_edit()
