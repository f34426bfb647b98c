"""A form translated with wagtail-localize: its words in the other language, its answers stored
under the same keys so that every language's submissions line up in the review and exports."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from applications.models import Submission
from tests.applications.conftest import token_of
from tests.factories import ApplicationFormPageFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    {
        "clean_name": "full_name",
        "label": "الاسم الكامل",
        "help_text": "كما في الهوية",
        "field_type": "singleline",
    },
    {"clean_name": "email", "label": "البريد الإلكتروني", "field_type": "email"},
    {
        "clean_name": "kind",
        "label": "نوع الجهة",
        "field_type": "dropdown",
        "choices": "جمعية\nشركة",
        "default_value": "جمعية",
    },
    {"clean_name": "consent", "label": "أوافق على سياسة الخصوصية", "field_type": "consent"},
]
ENGLISH = {
    "الاسم الكامل": "Full name",
    "كما في الهوية": "As on your identity card",
    "البريد الإلكتروني": "Email address",
    "نوع الجهة": "Kind of organisation",
    # Choices go one a line: the segment marks the line break.
    "جمعية<br/>شركة": "Association<br/>Company",
    "جمعية": "Association",
    "أوافق على سياسة الخصوصية": "I agree to the privacy policy",
}


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def arabic_form(forms_index):
    page = ApplicationFormPageFactory(parent=forms_index, slug="join", fields=FIELDS)
    page.save_revision().publish()
    return page


@pytest.fixture
def english_form(arabic_form, forms_index, english, english_home):
    """The form translated as a translator does: its fields in English, published."""
    index_source, _ = TranslationSource.get_or_create_from_instance(forms_index)
    index, _ = index_source.create_or_update_translation(english, fallback=True)
    # wagtail-localize publishes once the transaction commits, which a test never does.
    index.get_latest_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(arabic_form)
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in ENGLISH:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                data=ENGLISH[segment.string.data],
            )
    translated, _ = source.create_or_update_translation(english, fallback=True)
    translated.get_latest_revision().publish()
    return translated


def send(client, page, **data):
    token = token_of(client.get(page.url))
    return client.post(page.url, {"form_token": token, "consent": "on", **data})


def test_the_fields_words_are_segments_to_translate_and_their_keys_are_not(arabic_form):
    source, _ = TranslationSource.get_or_create_from_instance(arabic_form)
    strings = {s.string.data for s in source.stringsegment_set.select_related("string")}
    assert set(ENGLISH) <= strings
    assert not strings & {"full_name", "kind", "singleline", "dropdown"}


def test_the_english_form_shows_english_words_and_takes_the_same_keys(
    client, arabic_form, english_form
):
    page = BeautifulSoup(client.get(english_form.url).content, "html.parser")
    form = page.find("form", class_="app-form")
    text = form.get_text(" ", strip=True)
    for word in ("Full name", "As on your identity card", "Kind of organisation", "Company"):
        assert word in text
    assert "الاسم الكامل" not in text
    assert form.find("option", selected=True).get_text(strip=True) == "Association"
    names = {field["name"] for field in form.select("input[name], select[name]")}
    assert {"full_name", "email", "kind", "consent"} <= names

    send(client, arabic_form, full_name="سارة", email="sara@example.org", kind="جمعية")
    send(client, english_form, full_name="Sarah", email="sarah@example.org", kind="Company")
    arabic, english = Submission.objects.order_by("pk")
    assert english.page_id == english_form.pk
    assert list(english.form_data) == list(arabic.form_data)
    assert english.form_data["kind"] == "Company"


def test_english_submissions_line_up_in_the_same_review_columns(
    client, django_user_model, arabic_form, english_form
):
    send(client, arabic_form, full_name="سارة", email="sara@example.org", kind="شركة")
    send(client, english_form, full_name="Sarah", email="sarah@example.org", kind="Company")
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))

    def export(page):
        url = reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=csv"
        response = client.get(url)
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    (arabic_header, arabic_row), (english_header, english_row) = (
        export(arabic_form),
        export(english_form),
    )
    assert len(english_header) == len(arabic_header)
    assert english_header.index("Full name") == arabic_header.index("الاسم الكامل")
    name = arabic_header.index("الاسم الكامل")
    kind = arabic_header.index("نوع الجهة")
    assert (arabic_row[name], arabic_row[kind]) == ("سارة", "شركة")
    assert (english_row[name], english_row[kind]) == ("Sarah", "Company")
