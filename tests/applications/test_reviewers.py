"""Application reviewers see and review the submissions of their assigned forms, nothing else."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from applications.dashboard import NewSubmissionsPanel
from applications.models import ApplicationFormPage, Status, Submission
from home.roles import APPLICATION_REVIEWERS, SECTIONS
from tests.applications.conftest import PDF, assign, body, list_url, not_found, review_url
from tests.factories import ApplicationFormPageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


@pytest.fixture
def reviewer(roles, form_page):
    user = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    assign(form_page, user)
    return user


@pytest.fixture
def other_page(forms_index):
    return ApplicationFormPageFactory(parent=forms_index, title="شكوى")


@pytest.fixture
def mine(submit):
    submit(document=SimpleUploadedFile("mine.pdf", PDF))
    return Submission.objects.get()


@pytest.fixture
def theirs(submit, other_page, mine):
    submit(page=other_page, document=SimpleUploadedFile("theirs.pdf", PDF))
    return Submission.objects.get(page=other_page)


def download_url(submission):
    return reverse("applications_download", args=[submission.files.get().pk])


def refused(response):
    """Wagtail's admin answers a refusal with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == DASHBOARD


def test_the_editor_picks_reviewers_among_the_reviewers_group_only(
    client, admin_user, roles, form_page
):
    reviewer = StaffUserFactory(username="rania", groups=[APPLICATION_REVIEWERS])
    StaffUserFactory(username="nabil", groups=[SECTIONS["news"].editors])
    client.force_login(admin_user)
    page = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[form_page.pk])).content, "html.parser"
    )
    choices = {box["value"] for box in page.select('input[name="reviewers"]')}
    assert choices == {str(reviewer.pk)}


def test_an_assigned_reviewer_finds_the_form_from_the_menu(client, reviewer, form_page, other_page):
    client.force_login(reviewer)
    assert reverse("wagtailforms:index") in client.get(DASHBOARD).content.decode()
    forms = client.get(reverse("wagtailforms:index"))
    assert forms.status_code == 200
    listed = BeautifulSoup(forms.content, "html.parser").get_text()
    assert form_page.title in listed
    assert other_page.title not in listed


def test_an_assigned_reviewer_sees_reviews_and_downloads_their_forms_submissions(
    client, reviewer, form_page, mine
):
    client.force_login(reviewer)
    assert mine.reference in client.get(list_url(form_page)).content.decode()

    exported = body(client.get(list_url(form_page, "?export=csv"))).decode()
    assert mine.reference in [row[0] for row in csv.reader(io.StringIO(exported))]
    sheet = load_workbook(io.BytesIO(body(client.get(list_url(form_page, "?export=xlsx"))))).active
    assert mine.reference in [cell.value for cell in sheet["A"]]

    assert client.get(review_url(mine)).status_code == 200
    client.post(review_url(mine), {"status": Status.UNDER_REVIEW})
    mine.refresh_from_db()
    assert mine.status == Status.UNDER_REVIEW
    assert body(client.get(download_url(mine))) == PDF

    found = client.get(reverse("applications_privacy"), {"reference": mine.reference})
    assert reverse("applications_privacy") in found.content.decode()
    assert "لا يوجد طلب" not in found.content.decode()


def test_a_reviewer_is_refused_every_view_of_another_forms_submissions(
    client, reviewer, other_page, theirs
):
    client.force_login(reviewer)
    assert refused(client.get(list_url(other_page)))
    assert refused(client.get(list_url(other_page, "?export=csv")))
    assert refused(client.get(list_url(other_page, "?export=xlsx")))
    assert not_found(client, client.get(review_url(theirs)))
    assert not_found(client, client.post(review_url(theirs), {"status": Status.REJECTED}))
    assert not_found(client, client.get(download_url(theirs)))
    theirs.refresh_from_db()
    assert theirs.status == Status.RECEIVED
    lookup = client.get(
        reverse("applications_privacy"), {"reference": theirs.reference, "export": "json"}
    )
    assert lookup["Content-Type"].startswith("text/html")
    assert "لا يوجد طلب" in lookup.content.decode()


def test_an_unassigned_reviewer_sees_no_form(client, roles, form_page, mine):
    client.force_login(StaffUserFactory(groups=[APPLICATION_REVIEWERS]))
    assert reverse("wagtailforms:index") not in client.get(DASHBOARD).content.decode()
    assert refused(client.get(reverse("wagtailforms:index")))
    assert refused(client.get(list_url(form_page)))
    assert not_found(client, client.get(review_url(mine)))


def test_a_reviewer_moved_to_another_group_loses_the_forms(client, reviewer, form_page, mine):
    reviewer.groups.set([Group.objects.get(name=SECTIONS["news"].editors)])
    client.force_login(reviewer)
    assert client.get(DASHBOARD).status_code == 200
    assert refused(client.get(list_url(form_page)))


def test_an_assignment_in_a_draft_counts_once_published(client, roles, form_page, mine):
    user = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    form_page.reviewers.add(user)
    form_page.save_revision()
    client.force_login(user)
    assert refused(client.get(list_url(form_page)))
    form_page.get_latest_revision().publish()
    assert client.get(list_url(form_page)).status_code == 200


def test_a_reviewer_cannot_edit_or_publish_the_form_page(client, reviewer, form_page):
    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[form_page.pk])
    assert refused(client.get(edit))
    assert refused(client.post(edit, {"title": "عنوان آخر", "action-publish": "1"}))
    assert not form_page.permissions_for_user(reviewer).can_publish()
    form_page.refresh_from_db()
    assert form_page.title == "طلب انضمام"


class TestNewSubmissionsPanel:
    def panel(self, client):
        page = client.get(DASHBOARD).content.decode()
        if 'data-testid="new_submissions"' not in page:
            return None
        return BeautifulSoup(page, "html.parser").find(attrs={"data-testid": "new_submissions"})

    def test_a_reviewer_sees_how_many_submissions_wait_with_a_link_to_them(
        self, client, reviewer, form_page, submit, theirs
    ):
        for number in range(3):
            submit(idea=f"فكرة {number}")
        Submission.objects.filter(page=form_page).first().set_status(Status.UNDER_REVIEW)
        client.force_login(reviewer)
        assert "طلبات جديدة بانتظار المراجعة" in client.get(DASHBOARD).content.decode()
        panel = self.panel(client)
        [link] = panel.find_all("a")
        assert link.get_text() == form_page.title
        assert link["href"] == list_url(form_page, "?status=received")
        assert "3 طلبات جديدة" in panel.get_text()
        listed = client.get(link["href"]).content.decode()
        waiting = Submission.objects.filter(page=form_page, status=Status.RECEIVED)
        assert all(s.reference in listed for s in waiting)
        assert Submission.objects.get(status=Status.UNDER_REVIEW).reference not in listed

    def test_a_form_in_another_language_is_named_as_written(
        self, client, reviewer, form_page, submit
    ):
        # A screen reader reads a French form's title with a French voice in the Arabic admin.
        french = form_page.copy_for_translation(
            Locale.objects.get(language_code="fr"), copy_parents=True
        )
        french.title = "Demande d'adhésion"
        french.save_revision().publish()
        assign(french, reviewer)
        submit()
        submit(page=french)
        client.force_login(reviewer)
        links = {link.get_text(): link.attrs for link in self.panel(client).find_all("a")}
        assert links["Demande d'adhésion"].get("lang") == "fr"
        assert links["Demande d'adhésion"].get("dir") == "ltr"
        assert "lang" not in links[form_page.title]

    def test_no_panel_without_new_submissions_or_without_forms(
        self, client, roles, reviewer, form_page, mine
    ):
        mine.set_status(Status.ACCEPTED)
        client.force_login(reviewer)
        assert self.panel(client) is None
        client.force_login(StaffUserFactory(groups=[APPLICATION_REVIEWERS]))
        Submission.objects.update(status=Status.RECEIVED)
        assert self.panel(client) is None

    def test_its_queries_do_not_grow_with_the_number_of_forms(self, reviewer, forms_index, submit):
        def queries():
            request = RequestFactory().get(DASHBOARD)
            request.user = type(reviewer).objects.get(pk=reviewer.pk)
            with CaptureQueriesContext(connection) as captured:
                rows = NewSubmissionsPanel(request).rows()
            return len(rows), len(captured)

        submit()
        queries()  # the first call reads the form page types, cached from then on
        one_form, one_form_queries = queries()
        for _ in range(5):
            page = ApplicationFormPageFactory(parent=forms_index)
            assign(page, reviewer)
            submit(page=page)
        six_forms, six_forms_queries = queries()
        assert (one_form, six_forms) == (1, 6)
        assert six_forms_queries == one_form_queries <= 2


def test_the_demo_reviewer_reviews_the_demo_forms(client, demo):
    reviewer = get_user_model().objects.get(username="reviewer")
    client.force_login(reviewer)
    titles, address = "", reverse("wagtailforms:index")
    while address:  # twenty forms a page
        listed = BeautifulSoup(client.get(address).content, "html.parser")
        titles += listed.get_text()
        following = listed.select_one("li.next a[href]")
        address = following["href"] if following else None
    forms = ApplicationFormPage.objects.all()
    assert len(forms) >= 3
    assert all(form.title in titles for form in forms)
    assert not forms[0].permissions_for_user(reviewer).can_edit()


def test_a_translation_of_the_form_has_the_same_reviewers(
    client, reviewer, form_page, english_home
):
    english = Locale.objects.get(language_code="en")
    translation = form_page.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    client.force_login(reviewer)
    assert client.get(list_url(translation)).status_code == 200
