import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def write(tmp_path, items, name="content.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
    return path


def item(**fields):
    return {"type": "page", "locale": "ar", "slug": "about", "title": "عن البرنامج", **fields}


def run(path):
    call_command("import_content", str(path), stdout=(out := StringIO()))
    return out.getvalue()


def test_import_creates_published_pages_under_the_home_page(tmp_path, home):
    path = write(tmp_path, [item(summary="ملخص", body=["الفقرة الأولى", "الفقرة الثانية"])])
    assert "1 created" in run(path)
    page = StandardPage.objects.get(slug="about")
    assert page.live and page.get_parent().pk == home.pk
    assert [block.value.source for block in page.body] == [
        "<p>الفقرة الأولى</p>",
        "<p>الفقرة الثانية</p>",
    ]


def test_importing_twice_changes_nothing(tmp_path, home):
    path = write(tmp_path, [item(body=["نص"]), item(locale="en", title="About", body=["Text"])])
    run(path)
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    assert "0 created, 0 updated, 2 unchanged" in run(path)
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts


def test_a_changed_item_updates_its_page(tmp_path, home):
    run(write(tmp_path, [item(body=["نص قديم"])]))
    assert "1 updated" in run(write(tmp_path, [item(body=["نص جديد"])]))
    page = StandardPage.objects.get(slug="about")
    assert page.body[0].value.source == "<p>نص جديد</p>"
    assert page.live and not page.has_unpublished_changes


def test_items_in_other_languages_become_translations_of_the_arabic_page(tmp_path, home):
    run(write(tmp_path, [item(locale="en", title="About"), item()]))
    arabic = StandardPage.objects.get(locale__language_code="ar", slug="about")
    english = StandardPage.objects.get(locale__language_code="en", slug="about")
    assert english.translation_key == arabic.translation_key
    assert english.live and english.url == "/en/about/"


def test_html_in_imported_text_is_escaped(tmp_path, home):
    run(write(tmp_path, [item(body=["<script>alert(1)</script>"])]))
    page = StandardPage.objects.get(slug="about")
    assert page.body[0].value.source == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"type": "brochure"}, "unknown type 'brochure'"),
        ({"locale": "de"}, "unknown locale 'de'"),
        ({"title": ""}, "'title' is required"),
        ({"slug": "not a slug"}, "slug 'not a slug' is not valid"),
        ({"body": "one string"}, "'body' must be a list of non-empty strings"),
        ({"summary": "ك" * 401}, "'summary' is longer than 400 characters"),
    ],
)
def test_a_broken_item_is_reported_with_its_position_and_nothing_is_written(
    tmp_path, home, bad, message
):
    path = write(tmp_path, [item(slug="first"), item(slug="second"), item(**bad)])
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"item 3: {message}" in str(error.value)
    assert "nothing from this file was written" in str(error.value)
    assert not StandardPage.objects.exists()


def test_a_failure_while_writing_rolls_back_the_whole_file(tmp_path, home):
    # The English page has no Arabic source and there is no English home page to hold it.
    path = write(tmp_path, [item(slug="first"), item(locale="fr", slug="orphan")])
    with pytest.raises(CommandError, match="item 2: there is no home page in 'fr'"):
        run(path)
    assert not StandardPage.objects.exists()


def test_a_file_that_is_not_json_gets_a_clear_message(tmp_path, home):
    path = tmp_path / "broken.json"
    path.write_text('{"items": [', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run(path)


def test_demo_content_loads_once_and_only_into_an_empty_site(demo):
    pages = Page.objects.count()
    assert StandardPage.objects.filter(locale__language_code="ar").count() == 4
    assert demo.get_translations().count() == 2
    call_command("load_demo", stdout=(out := StringIO()))
    assert "already has content" in out.getvalue()
    assert Page.objects.count() == pages
