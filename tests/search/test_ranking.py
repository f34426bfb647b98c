"""The ranking rules of search/ranking.py, alone: plain Python, the order every database gets."""

from datetime import date

from search.analysis import terms
from search.ranking import Candidate, concepts, rank

TODAY = date(2026, 6, 1)


def item(key, title, text="", **kwargs):
    title_terms = terms(title)
    return Candidate(key=key, title=title_terms, text=title_terms + terms(text), **kwargs)


def order(query, *items, synonyms=()):
    return [c.key for c in rank(list(items), concepts(terms(query), synonyms), TODAY)]


def test_every_term_before_most_terms_before_one():
    assert order(
        "وزارة الاتصالات والتقانة",
        item("one", "الوزارة تزور المراكز"),
        item("two", "جولة", "زار وفد الوزارة قاعات الاتصالات"),
        item("all", "مذكرة تفاهم", "وقّعت وزارة الاتصالات والتقانة مذكرة"),
    ) == ["all", "two", "one"]


def test_words_together_above_words_scattered():
    assert order(
        "جمع التبرعات",
        item("scattered", "دليل", "جمع الفريق بياناته ثم تحدث عن سياسة التبرعات لاحقًا"),
        item("together", "ندوة", "حملات جمع التبرعات الرقمية"),
    ) == ["together", "scattered"]


def test_a_title_match_above_the_same_words_in_the_text():
    assert order(
        "احتضان",
        item("text", "مسار التمكين", "يقدم احتضانًا للفرق"),
        item("title", "مسار احتضان الجمعيات"),
    ) == ["title", "text"]


def test_the_item_whose_title_starts_with_the_word_is_the_answer_over_one_that_repeats_it():
    """ "ورشة" asks for a workshop: "ورشة الأمن الرقمي" is one, the news of the workshops'
    schedule mentions them in every sentence but is about them."""
    assert order(
        "ورشة",
        item(
            "news",
            "نشر جدول الورشات التدريبية لفصل الربيع",
            "يضم الجدول ورشة في الأمن الرقمي وورشة في التمويل وورشة في التسويق، "
            "وتعقد كل ورشة في مركز المحافظة.",
        ),
        item(
            "workshop",
            "ورشة الأمن الرقمي للجمعيات الصغيرة",
            "تدريب عملي على حماية حسابات الجمعية وبياناتها.",
        ),
    ) == ["workshop", "news"]


def test_section_pages_come_after_content_unless_their_title_matches():
    assert order(
        "احتضان",
        item("home", "الرئيسية", "احتضان وتدريب ومنح", section=True),
        item("programme", "حاضنة المشاريع", "تحتضن الفرق ضمن احتضان تسعة أشهر"),
    ) == ["programme", "home"]
    assert order(
        "الاخبار",
        item("news index", "الأخبار", section=True),
        item("news", "خبر عن الإعلام", "آخر الأخبار"),
    ) == ["news index", "news"]


def test_fresh_news_above_old_only_among_equals():
    assert order(
        "منحة صغيرة",
        item("old", "منحة صغيرة للجمعيات", fresh=date(2025, 1, 1)),
        item("new", "منحة صغيرة للجمعيات", fresh=date(2026, 5, 1)),
    ) == ["new", "old"]
    # A fresh item matching fewer words stays below an old one matching them all.
    assert order(
        "منحة صغيرة",
        item("new", "منحة كبيرة", fresh=date(2026, 5, 30)),
        item("old", "منحة صغيرة", fresh=date(2020, 1, 1)),
    ) == ["old", "new"]


def test_a_synonym_counts_as_the_word_it_stands_for():
    groups = [[tuple(terms("حاسوب")), tuple(terms("كمبيوتر")), tuple(terms("جهاز"))]]
    [concept] = concepts(terms("كمبيوتر"), groups)
    assert concept.terms == {"حاسوب", "كمبيوتر", "جهاز"}
    assert order(
        "كمبيوتر محمول",
        item("one word", "كمبيوتر مكتبي"),
        item("synonym", "توزيع حاسوب محمول"),
        synonyms=groups,
    ) == ["synonym", "one word"]


def test_a_synonym_of_several_words_is_one_concept():
    groups = [[tuple(terms("الإسكوا")), tuple(terms("لجنة الأمم المتحدة الاقتصادية"))]]
    found = concepts(terms("منتدى لجنة الامم المتحدة الاقتصادية"), groups)
    assert len(found) == 2
    # What was typed first, then its synonyms.
    assert found[1].alternatives == (
        tuple(terms("لجنة الأمم المتحدة الاقتصادية")),
        tuple(terms("الإسكوا")),
    )
