"""A reviewer reads submissions, on screen and in the exports, in their own language and the
site's time zone, with Latin text kept left to right inside right-to-left pages."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from applications.models import Submission
from home.roles import APPLICATION_REVIEWERS
from tests.applications.conftest import assign, body, list_url, review_url
from tests.factories import APPLICATION_FIELDS, ApplicationFormPageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

# 06:16 in UTC is 09:16 in Damascus, the site's time zone.
SUBMITTED = datetime.datetime(2026, 12, 2, 6, 16, 42, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def submission(submit):
    submit()
    Submission.objects.update(submit_time=SUBMITTED)
    return Submission.objects.get()


@pytest.fixture
def reviewer_in(client, roles, form_page):
    """Sign in a reviewer of the form whose admin language is `language`; their browser asks
    for the other language, which the admin does not follow."""

    def sign_in(language):
        user = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
        assign(form_page, user)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en" if language == "ar" else "ar"
        return user

    return sign_in


def csv_rows(client, page):
    data = body(client.get(list_url(page, "?export=csv")))
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_speaks_the_reviewers_language_with_local_times_to_the_minute(
    client, reviewer_in, form_page, submission
):
    reviewer_in("ar")
    header, row = csv_rows(client, form_page)
    assert header[:3] == ["الرقم المرجعي", "الحالة", "تاريخ التقديم"]
    assert row[:3] == [submission.reference, "مستلم", "2026-12-02 09:16"]
    assert row[header.index("أوافق على سياسة الخصوصية")] == "نعم"


def test_an_english_reviewer_gets_an_english_csv(client, reviewer_in, form_page, submission):
    reviewer_in("en")
    header, row = csv_rows(client, form_page)
    assert header[:3] == ["Reference", "Status", "Submission date"]
    assert row[1:3] == ["Received", "2026-12-02 09:16"]
    assert "Yes" in row


def test_the_xlsx_is_right_to_left_in_arabic_with_local_date_cells(
    client, reviewer_in, form_page, submission
):
    reviewer_in("ar")
    sheet = load_workbook(io.BytesIO(body(client.get(list_url(form_page, "?export=xlsx"))))).active
    assert sheet.sheet_view.rightToLeft
    header, row = sheet.iter_rows(max_row=2)
    assert [cell.value for cell in header[:2]] == ["الرقم المرجعي", "الحالة"]
    submitted = row[2]
    assert submitted.is_date
    assert submitted.value == datetime.datetime(2026, 12, 2, 9, 16)


def test_the_xlsx_is_left_to_right_in_english(client, reviewer_in, form_page, submission):
    reviewer_in("en")
    sheet = load_workbook(io.BytesIO(body(client.get(list_url(form_page, "?export=xlsx"))))).active
    assert not sheet.sheet_view.rightToLeft


def test_the_list_keeps_references_and_emails_left_to_right_and_dates_in_arabic(
    client, reviewer_in, form_page, submission
):
    reviewer_in("ar")
    page = BeautifulSoup(client.get(list_url(form_page)).content, "html.parser")
    link = page.find("a", href=review_url(submission))
    assert link.find("bdi", dir="ltr").get_text() == submission.reference
    cells = [bdi.get_text() for bdi in page.select("td bdi")]
    assert "sara@example.org" in cells
    assert "2 ديسمبر 2026، 9:16 ص" in cells
    assert "نعم" in cells
    assert "مستلم" in cells


def test_the_review_page_isolates_the_reference_and_says_consent_in_words(
    client, reviewer_in, submission
):
    reviewer_in("ar")
    page = BeautifulSoup(client.get(review_url(submission)).content, "html.parser")
    assert page.select_one("h1 bdi[dir=ltr]").get_text() == submission.reference
    answers = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in page.select("table.listing tr")
        if row.th and row.td  # the answers, not the emails' table below them
    }
    assert answers["أوافق على سياسة الخصوصية"] == "نعم"
    assert "2 ديسمبر 2026، 9:16 ص" in page.get_text()


@pytest.mark.parametrize(("language", "listed"), [("ar", "جداول، بريد"), ("en", "جداول, بريد")])
def test_several_choices_are_listed_with_the_readers_comma(
    client, reviewer_in, forms_index, submit, mailoutbox, language, listed
):
    """On the review page, in the list and in the applicant's confirmation: an Arabic comma
    between Arabic choices, not a Latin one."""
    tools = {"clean_name": "tools", "label": "الأدوات", "field_type": "checkboxes"}
    fields = [*APPLICATION_FIELDS[:2], {**tools, "choices": "جداول\nبريد\nموقع"}]
    survey = ApplicationFormPageFactory(parent=forms_index, slug="survey", fields=fields)
    submit(survey, tools=["جداول", "بريد"], phone=None, members=None, idea=None, consent=None)
    [confirmation] = [m for m in mailoutbox if m.to == ["sara@example.org"]]
    assert "الأدوات: جداول، بريد" in confirmation.body
    reviewer_in(language)
    assign(survey, *get_user_model().objects.all())
    submission = Submission.objects.get(page=survey)
    review = BeautifulSoup(client.get(review_url(submission)).content, "html.parser")
    assert listed in [cell.get_text(strip=True) for cell in review.select("table.listing td")]
    listing = BeautifulSoup(client.get(list_url(survey)).content, "html.parser")
    assert listed in [cell.get_text(strip=True) for cell in listing.select("td")]


def test_the_list_of_forms_names_the_page_type_in_arabic_without_its_code_name(
    client, reviewer_in, form_page
):
    reviewer_in("ar")
    listed = BeautifulSoup(client.get(reverse("wagtailforms:index")).content, "html.parser")
    text = listed.get_text(" ", strip=True)
    assert form_page.title in text
    assert "صفحة استمارة" in text
    assert "applications.applicationformpage" not in text
