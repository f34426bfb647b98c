import json
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from applications.blocks import EmbeddedFormBlock
from applications.models import ApplicationFormPage, FormIndexPage, Submission
from home.importing import ContentImportError, import_items
from programmes.models import ProgrammePage
from tests.applications.conftest import answers

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "applications" / "demo" / "forms.json"


def test_the_demo_application_form_sits_under_an_open_programme_as_its_form(demo):
    form = ApplicationFormPage.objects.get(locale__language_code="ar", slug__endswith="application")
    programme = form.get_parent().specific
    assert isinstance(programme, ProgrammePage)
    assert programme.is_open()
    assert programme.application_page_id == form.pk
    assert form.is_open()
    translations = ApplicationFormPage.objects.filter(translation_key=form.translation_key)
    assert {p.locale.language_code for p in translations} == {"ar", "en", "fr"}
    for language in ("en", "fr"):
        assert [f.clean_name for f in form.form_fields.all()] == [
            f.clean_name for f in translations.get(locale__language_code=language).form_fields.all()
        ]


def test_the_demo_survey_complaint_and_workshop_forms_sit_in_the_forms_index(demo):
    index = FormIndexPage.objects.get(locale__language_code="ar")
    assert index.show_in_menus
    slugs = set(ApplicationFormPage.objects.child_of(index).values_list("slug", flat=True))
    assert slugs == {
        "digital-needs-survey",
        "complaints",
        "digital-security-workshop-registration",
        "funding-proposals-training-registration",
    }


def test_importing_the_demo_forms_twice_changes_nothing(demo):
    report = import_items(json.loads(DEMO.read_text()))
    assert report == {"created": 0, "updated": 0, "unchanged": 9}


def test_the_demo_forms_let_phones_fill_in_the_applicants_name_and_organisation(client, demo):
    form = ApplicationFormPage.objects.get(locale__language_code="ar", slug__endswith="application")
    page = BeautifulSoup(client.get(form.url).content, "html.parser")
    assert page.select_one("[name=organisation]")["autocomplete"] == "organization"
    assert page.select_one("[name=contact_name]")["autocomplete"] == "name"
    assert page.select_one("[name=email]")["autocomplete"] == "email"


def test_the_programme_page_apply_button_leads_to_the_form(client, demo):
    form = ApplicationFormPage.objects.get(locale__language_code="ar", slug__endswith="application")
    page = BeautifulSoup(client.get(form.get_parent().url).content, "html.parser")
    assert page.select_one("[data-testid=apply] a.button")["href"] == form.url


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ({"name": "x", "label": "س", "type": "signature"}, "type must be one of"),
        ({"name": "اسم", "label": "س", "type": "singleline"}, "ascii_snake_case"),
        ({"name": "x", "label": "س", "type": "radio"}, "needs 'choices'"),
        ({"name": "x", "label": "س", "type": "file", "max_mb": 500}, "'max_mb' must be a whole"),
        ({"name": "x", "label": "س", "type": "file", "max_mb": True}, "'max_mb' must be a whole"),
        ({"name": "x", "label": "س", "type": "singleline", "autocomplete": "nom"}, "autocomplete"),
        (
            {"name": "x", "label": "س", "type": "file", "autocomplete": "name"},
            "for a field a browser can fill in",
        ),
    ],
)
def test_bad_form_items_are_reported(home, field, message):
    item = {"type": "form", "locale": "ar", "slug": "f", "title": "س", "fields": [field]}
    with pytest.raises(ContentImportError, match=message):
        import_items({"items": [item]})


def test_a_form_naming_an_unknown_programme_is_reported(home):
    item = {
        "type": "form",
        "locale": "ar",
        "slug": "f",
        "title": "س",
        "programme": "nope",
        "fields": [{"name": "x", "label": "س", "type": "singleline"}],
    }
    with pytest.raises(ContentImportError, match="no programme 'nope'"):
        import_items({"items": [item]})
    assert not Page.objects.filter(slug="f").exists()


class TestEmbeddedForm:
    def render(self, rf, form_page, page):
        request = rf.get(page.url)
        request.user = None
        block = EmbeddedFormBlock()
        value = block.to_python({"form_page": form_page.pk, "heading": "سجّل الآن"})
        return BeautifulSoup(block.render(value, {"request": request, "page": page}), "html.parser")

    def test_renders_the_form_posting_to_the_form_page(self, rf, home, form_page, client):
        html = self.render(rf, form_page, home)
        form = html.find("form")
        assert form["action"] == form_page.url
        assert html.h2.get_text() == "سجّل الآن"
        assert html.find("input", {"name": "form_token"})["value"]
        assert html.find("input", {"name": "full_name"})
        token = html.find("input", {"name": "form_token"})["value"]
        client.post(form["action"], {"form_token": token, **answers()})
        assert Submission.objects.get().page_id == form_page.pk

    def test_a_closed_form_shows_the_notice_instead(self, rf, home, form_page, monkeypatch):
        monkeypatch.setattr(ApplicationFormPage, "availability", lambda self: ("closed", None))
        html = self.render(rf, form_page, home)
        assert html.find("form") is None
        assert html.select_one(".app-closed")

    def test_an_unpublished_form_shows_nothing(self, rf, home, form_page):
        form_page.unpublish()
        assert self.render(rf, form_page, home).get_text(strip=True) == ""


def test_load_demo_publishes_the_forms_and_reports_what_it_created(db, home):
    before = Page.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    forms = json.loads(Path("applications/demo/forms.json").read_text(encoding="utf-8"))["items"]
    slugs = {item["slug"] for item in forms if item["type"] == "form"}
    assert set(ApplicationFormPage.objects.live().values_list("slug", flat=True)) >= slugs
    # Besides the content, a translation started for the demo translator (home/demo/work/).
    started = Page.objects.filter(live=False, locale__language_code="en").count()
    assert started == 1
    assert f"{Page.objects.count() - before - started} pages created" in out.getvalue()
