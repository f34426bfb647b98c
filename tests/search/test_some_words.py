"""A search of several words where nothing holds them all says so, and names the words nothing
holds: "التسويق الرقمي" listed pages on "الرقمي" alone as if they answered it."""

import pytest
from bs4 import BeautifulSoup

from search.models import SynonymGroup
from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home):
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index, title="الأمن الرقمي للجمعيات", summary="دليل عملي.")
    NewsPageFactory(parent=index, title="تدريب المتطوعين", summary="دورة للمتطوعين الجدد.")
    return index


def notice(client, query, language="ar"):
    page = BeautifulSoup(client.get(f"/{language}/search/", {"q": query}).content, "html.parser")
    found = page.select_one("[data-testid=search-partly]")
    results = page.select("[data-testid=search-result]")
    return (found.get_text(" ", strip=True) if found else None), len(results)


def test_a_word_nothing_holds_is_named_in_the_language_s_quotes(client, news):
    said, shown = notice(client, "التسويق الرقمي")
    assert said == "لم نجد كلمة «التسويق» في أي نتيجة؛ هذه النتائج فيها بقية ما كتبت."
    assert shown == 1
    said, _shown = notice(client, "التسويق الرقمي الأزرق")
    assert said == "لم نجد الكلمتين «التسويق»، «الأزرق» في أي نتيجة؛ هذه النتائج فيها بقية ما كتبت."


def test_words_held_apart_are_said_to_be_apart(client, news):
    said, shown = notice(client, "الرقمي المتطوعين")
    assert said == "لم نجد نتيجة فيها كل ما كتبت؛ هذه النتائج فيها بعضه."
    assert shown == 2


def test_a_page_with_every_word_or_its_synonym_says_nothing(client, news):
    assert notice(client, "الأمن الرقمي") == (None, 1)
    assert notice(client, "تدريب") == (None, 1)
    SynonymGroup.objects.create(words="التسويق = الأمن")
    assert notice(client, "التسويق الرقمي") == (None, 1)


def test_the_notice_is_written_in_english_too(client, english_home):
    StandardPageFactory(parent=english_home, slug="digital", title="Digital security")
    said, _shown = notice(client, "digital marketing", "en")
    assert said == "No result has the word “marketing”: these have the others."
