import pytest
from django.core.management import CommandError
from wagtail.models import Page, Revision

from programmes.models import (
    EligibilityCriterion,
    Partner,
    PartnerIndexPage,
    ProgrammeIndexPage,
    ProgrammePage,
)
from tests.importing import import_file

pytestmark = pytest.mark.django_db

STEPS = [
    {"title": "جهّز الوثائق", "text": "اجمع الوثائق.", "documents": ["الهوية"]},
    {"title": "قدّم الطلب", "text": "املأ الاستمارة.", "link": "https://example.org/form"},
]


def programme(**fields):
    return {
        "type": "programme",
        "locale": "ar",
        "slug": "incubator",
        "title": "مسار الاحتضان",
        "track": "الاحتضان",
        "opens": "2026-01-01",
        "closes": "2026-12-31",
        "eligibility": [
            "أن يكون الفريق شبابيًا",
            {"text": "خبرة تقنية", "kind": "preferred", "question": "هل لديكم خبرة؟"},
        ],
        "joining_steps": STEPS,
        "apply_url": "https://example.org/form",
        "apply_label": "قدّم الطلب على بوابة الوزارة",
        "regions": ["damascus", "homs"],
        "target_groups": ["youth"],
        "partners": [{"slug": "moc", "name": "وزارة الاتصالات", "kind": "government"}],
        **fields,
    }


def test_import_creates_the_programme_under_a_new_index_with_its_snippets(tmp_path, home):
    assert "1 created" in import_file(tmp_path, [programme()])
    page = ProgrammePage.objects.get(slug="incubator")
    index = page.get_parent().specific
    assert isinstance(index, ProgrammeIndexPage)
    assert index.get_parent().pk == home.pk and index.show_in_menus and index.title == "البرامج"
    assert PartnerIndexPage.objects.filter(locale=home.locale).exists()
    assert page.live and str(page.opens) == "2026-01-01" and page.track == "الاحتضان"
    assert [c.text for c in page.criteria] == ["أن يكون الفريق شبابيًا", "خبرة تقنية"]
    assert [c.kind for c in page.criteria] == ["required", "preferred"]
    assert sorted(r.slug for r in page.regions.all()) == ["damascus", "homs"]
    assert [g.slug for g in page.target_groups.all()] == ["youth"]
    assert [p.name for p in page.partners.all()] == ["وزارة الاتصالات"]
    steps = [block.value for block in page.joining_steps]
    assert [s["title"] for s in steps] == ["جهّز الوثائق", "قدّم الطلب"]
    assert list(steps[0]["documents"]) == ["الهوية"]
    assert steps[1]["link_url"] == "https://example.org/form"


def test_importing_twice_changes_nothing(tmp_path, home, english_home):
    items = [
        programme(),
        programme(locale="en", title="Incubator", eligibility=["Young", "Tech"]),
    ]
    import_file(tmp_path, items)
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        EligibilityCriterion.objects.count(),
        Partner.objects.count(),
    )
    assert "0 created, 0 updated, 2 unchanged" in import_file(tmp_path, items)
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        EligibilityCriterion.objects.count(),
        Partner.objects.count(),
    ) == counts


def test_criteria_with_the_same_text_are_reused_across_programmes(tmp_path, home):
    import_file(tmp_path, [programme(), programme(slug="other", title="مسار آخر")])
    first = ProgrammePage.objects.get(slug="incubator")
    second = ProgrammePage.objects.get(slug="other")
    assert [c.pk for c in first.criteria] == [c.pk for c in second.criteria]
    assert EligibilityCriterion.objects.count() == 2


def test_english_items_translate_the_page_its_criteria_and_partners(tmp_path, home, english_home):
    in_english = programme(
        locale="en",
        title="Incubator",
        eligibility=["A youth team", {"text": "Tech experience", "question": "Any?"}],
        partners=[{"slug": "moc", "name": "Ministry of Communications", "kind": "government"}],
    )
    import_file(tmp_path, [in_english, programme()])
    arabic = ProgrammePage.objects.get(locale__language_code="ar")
    english = ProgrammePage.objects.get(locale__language_code="en")
    assert english.translation_key == arabic.translation_key
    assert english.get_parent().specific.title == "Programmes"
    assert [c.text for c in english.criteria] == ["A youth team", "Tech experience"]
    assert [c.translation_key for c in english.criteria] == [
        c.translation_key for c in arabic.criteria
    ]
    # A translation changes words, not rules: the kind stays the source criterion's.
    assert english.criteria[1].kind == "preferred"
    partner = Partner.objects.get(slug="moc", locale__language_code="en")
    assert partner.name == "Ministry of Communications"


def test_kinds_may_be_written_as_their_labels_in_the_items_language(tmp_path, home):
    item = programme(
        eligibility=[{"text": "خبرة تقنية", "kind": "مفضّل"}],
        partners=[{"slug": "damascus-university", "name": "جامعة دمشق", "kind": "جهة أكاديمية"}],
    )
    import_file(tmp_path, [item])
    page = ProgrammePage.objects.get(slug="incubator")
    assert [c.kind for c in page.criteria] == [EligibilityCriterion.Kind.PREFERRED]
    assert [p.kind for p in page.partners.all()] == [Partner.Kind.ACADEMIA]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens": "2026-12-31", "closes": "2026-01-01"}, "'closes' is before 'opens'"),
        (
            {"opens": "2020-01-01", "closes": "2099-12-31", "apply_url": "", "apply_label": ""},
            "the programme is open and has no way to apply",
        ),
        ({"opens": "2020-01-01", "closes": "2099-12-31", "apply_label": ""}, "needs 'apply_label'"),
        ({"apply_url": "javascript:alert(1)"}, "'apply_url' is not an http(s) address"),
        ({"opens": "31/12/2026"}, "'opens' must be a date"),
        ({"regions": ["atlantis"]}, "unknown regions: atlantis"),
        ({"eligibility": [{"text": "x", "kind": "optional"}]}, "'kind' must be one of"),
        ({"joining_steps": [{"title": "بلا نص"}]}, "'text' is required"),
        ({"partners": [{"slug": "x", "name": "x", "kind": "alien"}]}, "'kind' must be one of"),
    ],
)
def test_bad_programmes_are_refused_and_nothing_is_written(tmp_path, home, fields, message):
    good = programme(slug="good", title="سليم")
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, [good, programme(**fields)])
    assert "item 2" in str(error.value) and message in str(error.value)
    assert not ProgrammePage.objects.exists()
    assert not EligibilityCriterion.objects.exists()


def test_a_translation_without_dates_or_places_takes_the_arabic_ones(tmp_path, home, english_home):
    english = programme(locale="en", title="Incubator", eligibility=["A youth team", "Tech"])
    for key in ("opens", "closes", "regions", "target_groups", "partners"):
        del english[key]
    import_file(tmp_path, [programme(), english])
    page = ProgrammePage.objects.get(locale__language_code="en")
    assert (str(page.opens), str(page.closes)) == ("2026-01-01", "2026-12-31")
    assert sorted(region.slug for region in page.regions.all()) == ["damascus", "homs"]
    assert "0 created, 0 updated, 2 unchanged" in import_file(tmp_path, [programme(), english])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens": "2026-02-01"}, "'opens' is shared with the ar page 'incubator'"),
        ({"regions": ["damascus"]}, "'regions' is shared with the ar page"),
        ({"in_menu": True}, "'in_menu' is shared with the ar page"),
        (
            {"partners": [{"slug": "moc", "name": "Ministry", "kind": "academia"}]},
            "partner 'moc': 'kind' is shared",
        ),
    ],
)
def test_a_translation_that_changes_a_shared_fact_is_refused(
    tmp_path, home, english_home, fields, message
):
    english = programme(locale="en", title="Incubator", eligibility=["A youth team"], **fields)
    with pytest.raises(CommandError) as error:
        import_file(tmp_path, [programme(), english])
    assert "item 2" in str(error.value) and message in str(error.value)
    assert not ProgrammePage.objects.exists()
