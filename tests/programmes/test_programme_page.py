import json

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Locale

from programmes.models import EligibilityCriterion, Partner, Region
from tests.factories import (
    EligibilityCriterionFactory,
    PartnerFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)
from tests.programmes.conftest import days

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


@pytest.fixture
def form_page(home):
    return StandardPageFactory(parent=home, title="استمارة الانضمام", slug="apply")


def test_an_open_programme_has_an_apply_button_to_its_form(client, index, today, form_page):
    programme = ProgrammePageFactory(
        parent=index, opens=days(-10), closes=days(5), application_page=form_page
    )
    apply = soup_of(client, programme.url).select_one("[data-testid=apply]")
    assert apply.select_one("a.button")["href"] == form_page.url
    assert text(apply.select_one("a.button")) == "قدّم الآن"
    assert "5" in text(apply.select_one(".programme-status"))


def test_a_closed_programme_has_no_apply_button_and_says_when_it_closed(
    client, index, today, form_page
):
    programme = ProgrammePageFactory(
        parent=index, opens=days(-60), closes=days(-3), application_page=form_page
    )
    apply = soup_of(client, programme.url).select_one("[data-testid=apply]")
    assert apply.select_one("a") is None
    assert form_page.url not in str(apply)
    with translation.override("ar"):
        from django.utils.formats import date_format

        assert date_format(days(-3)) in text(apply)


def test_an_upcoming_programme_says_when_it_opens_and_has_no_apply_button(
    client, index, today, form_page
):
    programme = ProgrammePageFactory(
        parent=index, opens=days(9), closes=days(40), application_page=form_page
    )
    apply = soup_of(client, programme.url).select_one("[data-testid=apply]")
    assert apply.select_one("a") is None
    assert "status--upcoming" in str(apply)


def test_an_unpublished_application_form_is_not_linked(client, index, today, form_page):
    programme = ProgrammePageFactory(parent=index, opens=days(-1), application_page=form_page)
    form_page.unpublish()
    apply = soup_of(client, programme.url).select_one("[data-testid=apply]")
    assert form_page.url not in str(apply)
    assert apply.select_one("a.button")["href"] == "#join"


def test_the_page_shows_criteria_as_a_checklist_and_steps_as_a_numbered_list(client, index, today):
    required = EligibilityCriterionFactory(text="أن تكون الجمعية مسجلة")
    preferred = EligibilityCriterionFactory(
        text="خبرة سابقة", kind=EligibilityCriterion.Kind.PREFERRED
    )
    programme = ProgrammePageFactory(
        parent=index,
        criteria=[preferred, required],
        joining_steps=[
            ("step", {"title": "الأولى", "text": "نص", "documents": ["الهوية", "الترخيص"]}),
            ("step", {"title": "الثانية", "text": "نص", "documents": []}),
        ],
    )
    soup = soup_of(client, programme.url)
    items = soup.select("#eligibility .checklist li")
    assert [text(li.strong) for li in items] == ["خبرة سابقة", "أن تكون الجمعية مسجلة"]
    assert "مفضّل" in text(items[0])
    steps = soup.select("#join ol.steps > li")
    assert [text(step.h3) for step in steps] == ["الأولى", "الثانية"]
    assert [text(li) for li in steps[0].select("ul li")] == ["الهوية", "الترخيص"]


def test_the_eligibility_check_works_as_a_get_round_trip(client, index, today):
    first = EligibilityCriterionFactory(text="العمر", question="هل عمرك بين 18 و35؟")
    second = EligibilityCriterionFactory(text="الفريق", question="هل فريقك ثلاثة أو أكثر؟")
    programme = ProgrammePageFactory(parent=index, criteria=[first, second])
    soup = soup_of(client, programme.url)
    form = soup.select_one("#check form")
    assert form["method"] == "get"
    assert [text(legend) for legend in form.select("legend")] == [
        "هل عمرك بين 18 و35؟",
        "هل فريقك ثلاثة أو أكثر؟",
    ]
    assert soup.select_one("[data-testid=verdict]") is None

    query = f"?check=1&c{first.pk}=yes&c{second.pk}=no"
    soup = soup_of(client, programme.url + query)
    verdict = soup.select_one("[data-testid=verdict]")
    assert "verdict--not_yet" in verdict["class"]
    outcomes = {
        text(li.select_one(".outcome__text")): li["class"][1] for li in verdict.select("li")
    }
    assert outcomes == {"العمر": "outcome--met", "الفريق": "outcome--not_met"}
    assert soup.select_one(f"input[name=c{first.pk}][value=yes]").has_attr("checked")

    soup = soup_of(client, programme.url + f"?check=1&c{first.pk}=yes&c{second.pk}=yes")
    assert "verdict--eligible" in soup.select_one("[data-testid=verdict]")["class"]


@pytest.mark.parametrize(
    "answers",
    ["c{a}=maybe&c{b}=yes", "c{a}=yes&c{a}=no&c{b}=", "c{a}=<b>yes</b>&c{b}=yes", "c999999=yes"],
)
def test_tampered_answers_never_make_a_visitor_eligible(client, index, today, answers):
    first, second = EligibilityCriterionFactory(), EligibilityCriterionFactory()
    programme = ProgrammePageFactory(parent=index, criteria=[first, second])
    query = "?check=1&" + answers.format(a=first.pk, b=second.pk)
    response = client.get(programme.url + query)
    assert response.status_code == 200
    verdict = BeautifulSoup(response.content, "html.parser").select_one("[data-testid=verdict]")
    assert "verdict--eligible" not in verdict["class"]
    assert "<b>yes</b>" not in response.content.decode()


def test_a_deleted_criterion_disappears_from_the_page_without_an_error(client, index, today):
    kept, deleted = EligibilityCriterionFactory(text="باق"), EligibilityCriterionFactory()
    programme = ProgrammePageFactory(parent=index, criteria=[kept, deleted])
    EligibilityCriterion.objects.filter(pk=deleted.pk).delete()
    soup = soup_of(client, programme.url)
    assert [text(li.strong) for li in soup.select("#eligibility li")] == ["باق"]


def test_a_translated_programme_shows_its_criteria_regions_and_partners_in_english(
    client, index, english_home, today
):
    criterion = EligibilityCriterionFactory(
        text="أن تكون الجمعية مسجلة", question="هل جمعيتكم مسجلة؟"
    )
    english = Locale.objects.get(language_code="en")
    translated = criterion.copy_for_translation(english)
    translated.text = "The association is registered"
    translated.question = "Is your association registered?"
    translated.save()
    partner = PartnerFactory(name="وزارة الاتصالات", slug="moc")
    english_partner = partner.copy_for_translation(english)
    english_partner.name = "Ministry of Communications"
    english_partner.save()

    # Not translated yet: shown in Arabic, and said to be.
    new_region = Region.objects.create(
        name="منطقة جديدة", slug="new-region", locale=Locale.get_default()
    )
    local_partner = PartnerFactory(name="جمعية محلية", slug="local")

    programme = ProgrammePageFactory(parent=index, title="مسار", criteria=[criterion])
    programme.regions.set([Region.objects.get(slug="homs", locale__language_code="ar"), new_region])
    programme.partners.set([partner, local_partner])
    programme.save_revision().publish()
    page = programme.copy_for_translation(english, copy_parents=True)
    page.title = "Track"
    page.save_revision().publish()

    soup = soup_of(client, page.url)
    assert soup.html["lang"] == "en"
    assert [text(li.strong) for li in soup.select("#eligibility li")] == [
        "The association is registered"
    ]
    assert text(soup.select_one("#check legend")) == "Is your association registered?"
    assert "Homs" in text(soup.select_one("main"))
    assert "Ministry of Communications" in text(soup.select_one("main"))
    regions = {text(li): li.get("lang") for li in soup.select("#regions-title + ul li")}
    assert regions == {"Homs": None, "منطقة جديدة": "ar"}
    logos = soup.select(".partner-logos li")
    partners = {text(li): (li.get("lang"), li.get("dir")) for li in logos}
    assert partners == {"Ministry of Communications": (None, None), "جمعية محلية": ("ar", "rtl")}
    # The answer keys are the English criterion's, so the check works on the English page too.
    soup = soup_of(client, page.url + f"?check=1&c{translated.pk}=yes")
    assert "verdict--eligible" in soup.select_one("[data-testid=verdict]")["class"]


def test_programme_pages_carry_open_graph_and_json_ld(client, index, today):
    programme = ProgrammePageFactory(
        parent=index,
        title="مسار </script><script>alert(1)</script>",
        opens=days(-1),
        closes=days(30),
    )
    response = client.get(programme.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('meta[property="og:title"]')["content"].startswith("مسار")
    assert soup.select_one('meta[property="og:url"]')["content"] == programme.full_url
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["name"] == programme.title
    assert data["applicationDeadline"] == days(30).isoformat()
    assert "<script>alert" not in response.content.decode()


def test_related_news_links_live_pages_in_the_readers_language(client, home, index, today):
    news = StandardPageFactory(parent=home, title="خبر الإطلاق")
    draft = StandardPageFactory(parent=home, title="مسودة", live=False)
    programme = ProgrammePageFactory(parent=index, related_news=[("page", news), ("page", draft)])
    links = soup_of(client, programme.url).select("[aria-labelledby=related-title] a")
    assert [text(a) for a in links] == ["خبر الإطلاق"]


def test_a_partner_without_translation_keeps_its_name(client, index, english_home, today):
    partner = PartnerFactory(name="شركة رواد", kind=Partner.Kind.PRIVATE_SECTOR)
    programme = ProgrammePageFactory(parent=index)
    programme.partners.set([partner])
    programme.save_revision().publish()
    assert "شركة رواد" in text(soup_of(client, programme.url).select_one("main"))


def test_wagtail_localize_translates_a_programme_and_its_criteria(client, index, english_home):
    from wagtail_localize.models import TranslationSource

    criterion = EligibilityCriterionFactory(text="أن تكون الجمعية مسجلة")
    programme = ProgrammePageFactory(parent=index, title="مسار", criteria=[criterion])
    programme.regions.set([Region.objects.get(slug="homs", locale__language_code="ar")])
    programme.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    index_source, _ = TranslationSource.get_or_create_from_instance(index)
    index_source.create_or_update_translation(english, fallback=True)
    source, _ = TranslationSource.get_or_create_from_instance(programme)
    segments = {s.string.data for s in source.stringsegment_set.select_related("string")}
    assert "مسار" in segments
    criterion_source, _ = TranslationSource.get_or_create_from_instance(criterion)
    criterion_source.create_or_update_translation(english, fallback=True)
    translated, _ = source.create_or_update_translation(english, fallback=True)
    assert translated.locale == english
    assert [r.slug for r in translated.regions.all()] == ["homs"]
    assert [c.translation_key for c in translated.criteria] == [criterion.translation_key]


def test_checking_with_no_answer_asks_for_the_answers(client, index, today):
    """With nothing answered, the check said every criterion needed the programme team."""
    first, second = EligibilityCriterionFactory(), EligibilityCriterionFactory()
    programme = ProgrammePageFactory(parent=index, criteria=[first, second])
    soup = soup_of(client, programme.url + f"?check=1&c{first.pk}=yes")
    verdict = soup.select_one("[data-testid=verdict]")
    assert "verdict--answer" in verdict["class"]
    assert "أجب عن كل الأسئلة" in text(verdict.h3)
    assert [text(li.select_one(".outcome__state")) for li in verdict.select("li")] == [
        "مستوفى",
        "لم تُجب",
    ]
