"""The Elasticsearch index the site generates, checked without a server: the same analysis as the
database backends, per language, on the analysed fields (tests/search/test_elasticsearch_live.py
runs against a real cluster)."""

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from wagtail.models import Locale

from home.models import StandardPage
from programmes.models import ProgrammePage
from search.analysis import analyse, normalise, terms
from search.elasticsearch import INDEX_SETTINGS, Mapping, SearchBackend, _every, _starts_title
from search.models import SynonymGroup
from search.query import Search
from search.ranking import NEARBY, WEIGHTS, Concept

TEXTS = [
    "قافلة محو الأميّة الرقميّة تصل إلى الأرياف وشارك ٦٠ متطوعًا",
    "برنامج التحـوّل الرقمي للجمعيّات الأهليّة: مسؤولاً متفرّغاً، ۱۴ محافظة",
    "Training the volunteers of 14 associations",
    "Les formations des bénévoles, l'été 2026",
]


def default_analyzer(text):
    """What the index's default analyzer makes of `text`, read from the generated settings."""
    analysis = INDEX_SETTINGS["settings"]["analysis"]
    analyzer = analysis["analyzer"]["default"]
    for name in analyzer["char_filter"]:
        char_filter = analysis["char_filter"][name]
        if char_filter["type"] == "pattern_replace":
            pattern = char_filter["pattern"].removeprefix("(?U)")
            text = re.sub(pattern, char_filter["replacement"], text)
        else:
            for rule in char_filter["mappings"]:
                letter, folded = rule.split(" => ")
                text = text.replace(letter, folded)
    tokenizer = analysis["tokenizer"][analyzer["tokenizer"]]
    assert analyzer["filter"] == ["lowercase"]
    words = re.split(tokenizer["pattern"].removeprefix("(?U)"), text)
    return [word.lower() for word in words if word]


@pytest.mark.parametrize("text", TEXTS)
def test_analysed_text_passes_through_elasticsearch_unchanged(text):
    assert default_analyzer(analyse(text)) == terms(text)


@pytest.mark.parametrize("text", TEXTS)
def test_raw_text_is_folded_like_the_database_path_does(text):
    assert default_analyzer(text) == re.findall(r"\w+", normalise(text))


def test_no_stemmer_or_stop_words_of_elasticsearch_stem_the_stems_again():
    analysis = INDEX_SETTINGS["settings"]["analysis"]
    for name in ("default", "edgengram_analyzer"):
        analyzer = analysis["analyzer"][name]
        assert set(analyzer["filter"]) <= {"lowercase", "edgengram"}
        assert analyzer["char_filter"] == ["tanween_alef", "arabic_marks", "arabic_letters"]


def test_elasticsearch_url_switches_the_backend():
    code = "from django.conf import settings; print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", f"import json, django; django.setup(); {code}"],
        env={**env, "ELASTICSEARCH_URL": "http://search.example:9200"},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout
    backend = json.loads(out)["default"]
    assert backend["BACKEND"] == "search.elasticsearch"
    assert backend["URLS"] == ["http://search.example:9200"]
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("database")

    configured = SearchBackend(dict(backend))
    assert (
        configured.settings["settings"]["analysis"]["analyzer"]["default"]
        == (INDEX_SETTINGS["settings"]["analysis"]["analyzer"]["default"])
    )
    # Wagtail's own n-gram analyzers stay available to the fields that name them.
    assert "ngram_analyzer" in configured.settings["settings"]["analysis"]["analyzer"]
    assert configured.get_index_for_model(ProgrammePage).name == "tamkeen_wagtailcore_page"


def test_pages_are_mapped_to_the_analysed_fields_with_the_default_analyzer():
    properties = Mapping(ProgrammePage).get_mapping()["properties"]
    assert properties["analysed_title"]["copy_to"] == ["_all_text", "_all_text_boost_3_0"]
    assert properties["analysed_text"]["copy_to"] == "_all_text"
    text_fields = {
        name: field
        for name, field in properties.items()
        if field["type"] == "text" and not name.endswith("edgengrams")
    }
    # Raw title, body, criteria and steps are not searched as such: only their analysed forms.
    assert not any(name.endswith(("body", "joining_steps", "criteria_text")) for name in properties)
    assert all("analyzer" not in field for field in text_fields.values())
    assert properties["_edgengrams"]["search_analyzer"] == "default"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "analysed"),
    [
        ("ar", "التبرعات للجمعيّات", "تبرع جمع"),
        ("en", "Training volunteers", "train volunt"),
        ("fr", "Les formations des bénévoles", "format benevol"),
    ],
)
def test_each_language_is_indexed_with_its_own_stemming(language, title, analysed):
    page = StandardPage(title=title, locale=Locale.objects.get(language_code=language))
    document = Mapping(StandardPage).get_document(page)
    assert document["analysed_title"] == analysed


ELASTICSEARCH = {
    "default": {
        "BACKEND": "search.elasticsearch",
        "URLS": ["http://search.example:9200"],
        "INDEX_PREFIX": "tamkeen_",
    }
}


@pytest.fixture
def sent(monkeypatch, settings):
    """The bodies the site sends to Elasticsearch, which answers that nothing matched."""
    settings.WAGTAILSEARCH_BACKENDS = ELASTICSEARCH
    bodies = []

    def search(self, **body):
        bodies.append(body)
        return {"hits": {"hits": [], "total": {"value": 0}}}

    monkeypatch.setattr("elasticsearch.Elasticsearch.search", search)
    return bodies


def page_query(bodies):
    [body] = [body for body in bodies if body["index"] == "tamkeen_wagtailcore_page"]
    return body["query"]["bool"]["must"]


@pytest.mark.django_db
def test_queries_reach_elasticsearch_analysed(home, sent):
    assert list(Search("التبرعات الإلكترونيّة", "ar").results()[:10]) == []
    query = json.dumps(page_query(sent), ensure_ascii=False)
    assert '"تبرع الكترون"' in query
    # Pages, documents and partners: each kind searched with the same rules.
    assert {body["index"] for body in sent} >= {
        "tamkeen_wagtailcore_page",
        "tamkeen_search_searchabledocument",
        "tamkeen_programmes_partner",
    }


@pytest.mark.django_db
def test_elasticsearch_ranks_by_the_same_rules(home, sent):
    Search("منحه صغيره", "ar").results()[:10]
    sections = page_query(sent)["function_score"]
    [section] = sections["functions"]
    assert section["weight"] == WEIGHTS["section"] < 1
    assert {"home.HomePage", "news.NewsIndexPage", "programmes.PartnerIndexPage"} <= set(
        section["filter"]["bool"]["filter"]["terms"]["_django_content_type"]
    )
    # ... unless the title holds every term.
    assert section["filter"]["bool"]["must_not"] == _every(
        [Concept((("منح",),)), Concept((("صغير",),))], "analysed_title"
    )
    fresh = sections["query"]["function_score"]
    assert fresh["score_mode"] == "sum"
    news = fresh["functions"][1]
    assert set(news["filter"]["terms"]["_django_content_type"]) == {
        "news.NewsPage",
        "news.EventPage",
    }
    assert 0 < news["weight"] < 1
    rules = fresh["query"]["bool"]["should"]
    boosts = [
        rule.get("constant_score", {}).get("boost")
        or rule.get("match_phrase", {}).get("_all_text", {}).get("boost")
        for rule in rules
    ]
    # Each term found, every term, every term in the title, the phrase, the words nearby.
    assert boosts[:6] == [
        WEIGHTS["term"],
        WEIGHTS["term"],
        WEIGHTS["all_terms"],
        WEIGHTS["title_all_terms"],
        WEIGHTS["phrase"],
        WEIGHTS["nearby"],
    ]
    assert rules[4]["match_phrase"]["_all_text"]["query"] == "منح صغير"
    assert rules[5]["match_phrase"]["_all_text"]["slop"] == NEARBY
    # Each term in the title, then at its start: "ورشة الأمن الرقمي" is a workshop.
    assert boosts[6:10] == [WEIGHTS["title"]] * 2 + [WEIGHTS["title_start"]] * 2
    assert rules[8]["constant_score"]["filter"]["bool"]["should"] == [
        {"span_first": {"match": {"span_term": {"analysed_title": "منح"}}, "end": 1}}
    ]


@pytest.mark.django_db
def test_editors_synonyms_reach_elasticsearch(home, sent):
    SynonymGroup.objects.create(words="حاسوب = كمبيوتر = جهاز")
    Search("كمبيوتر", "ar").results()[:10]
    rules = page_query(sent)["function_score"]["query"]["function_score"]["query"]["bool"]
    [any_term] = rules["must"]["bool"]["should"]
    assert [list(rule["match_phrase"].values())[0] for rule in any_term["bool"]["should"]] == [
        "كمبيوتر",
        "حاسوب",
        "جهاز",
    ]


def test_a_synonym_of_several_words_starts_a_title_as_those_words_in_order():
    concept = Concept((("اسكوا",), ("لجنه", "امم", "متحد")))
    one, several = _starts_title(concept)["bool"]["should"]
    assert one == {"span_first": {"match": {"span_term": {"analysed_title": "اسكوا"}}, "end": 1}}
    words = [{"span_term": {"analysed_title": term}} for term in ("لجنه", "امم", "متحد")]
    assert several == {
        "span_first": {"match": {"span_near": {"clauses": words, "slop": 0}}, "end": 3}
    }
