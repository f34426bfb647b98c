"""Text analysis for search: one function for indexed text and for queries, on every backend.

Arabic is written and typed in many ways (DESIGN.md, "Arabic text"): with or without diacritics,
with any hamza form on alef, ه for ة, ي for ى, Arabic-Indic or Latin digits. `normalise` folds those
into one spelling and `stem` takes off the commonest prefixes and suffixes in the spirit of
Larkey's Light10, never leaving fewer than two letters. English and French words get their
Snowball stemmer. Plain Python, no Django: tested fast and alone.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from home.digits import ARABIC_DIGITS

# The tables below are public: search/elasticsearch.py gives Elasticsearch the same ones.
# Tashkeel (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640).
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Accusative tanween written on a final alef ("متطوعًا"): the alef is only a seat for the mark.
TANWEEN_ALEF = re.compile("(?:\u064b\u0627|\u0627\u064b)(?=\\W|$)")
FOLDING = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    **ARABIC_DIGITS,
}
_FOLD = str.maketrans(FOLDING)
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0621-\u064a]")

# Longest first, so that "وال" is tried before "و".
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
# "their", "your" on a plural (حساباتهم, ملاحظاتكم) come off before the plural's own ending; only
# from long words, so that تراكم or محاكم keep their last letters.
_PRONOUNS = ("هم", "كم")

# Broken plurals, which no ending makes (مواقع of موقع, مشاريع of مشروع): the commonest of the
# site's subjects, each to its singular, normalised and without its article. Words that are also
# something else where this site uses them (مراجع: references, and a reviewer) are left out.
BROKEN_PLURALS = {
    plural: singular
    for singular, plurals in (
        pair.split(":")
        for pair in """
        موقع:مواقع برنامج:برامج مشروع:مشاريع نظام:انظمه جهاز:اجهزه حاسوب:حواسيب
        مركز:مراكز وثيقه:وثايق مهمه:مهام فرصه:فرص قاعده:قواعد ورشه:ورش عضو:اعضاء
        منطقه:مناطق قايمه:قوايم كادر:كوادر وسيله:وسايل درس:دروس فكره:افكار سوال:اسيله
        معيار:معايير شرط:شروط هدف:اهداف نتيجه:نتايج تقرير:تقارير خبر:اخبار حق:حقوق
        مكتب:مكاتب طريقه:طرق دوله:دول مدينه:مدن طفل:اطفال اسره:اسر صوره:صور رساله:رسايل
        مرحله:مراحل مشكله:مشاكل لجنه:لجان مجلس:مجالس سوق:اسواق مصدر:مصادر
        قضيه:قضايا شريك:شركاء عميل:عملاء خبير:خبراء طالب:طلاب موعد:مواعيد يوم:ايام
        اسبوع:اسابيع دقيقه:دقايق ماده:مواد نموذج:نماذج وظيفه:وظايف رابط:روابط دليل:ادله
        بحث:بحوث،ابحاث جايزه:جوايز منحه:منح قرض:قروض مبدا:مبادي
        """.split()  # noqa: SIM905 - a word list reads best as words
    )
    for plural in plurals.split("،")
}

# Stems whose first letter is a و of their own, not "and": without the article (ورشة) they would
# otherwise lose it, and not meet the same word with it (الورشة).
OWN_WAW = frozenset(
    """
    ورش وثيق وزار وزير وظيف وقت وصف وسيل وحد ورق وضع وعي ولاي وطن وجه وصول وكال وسط وقف
    واقع وصل ورد وفد وسم وسيط وصي وقاي ولاد ورث وفر وقع وجب
    """.split()  # noqa: SIM905
)

# Words too common to help find anything; left out of both the index and the query. Questions
# are typed as people ask them ("كيف اقدم طلب", "how to apply"): their question words say nothing
# of the subject.
STOP_WORDS = frozenset(
    """
    في من الي علي عن مع او ثم ان هذا هذه ذلك تلك التي الذي الذين كل قد لا ما لم لن هو هي
    هم كان كانت بين حتي عند بعد قبل كما ايضا اي و ف ب ل ك
    كيف متي اين ماذا لماذا هل
    the a an and or of to in on for with is are be by at from as it this that
    how what when where why
    le la les un une des et ou de du en au aux pour par sur avec est dans
    comment quand où pourquoi
    """.split()  # noqa: SIM905 - a word list reads best as words
)

_STEMMERS = {"en": "english", "fr": "french"}


@lru_cache(maxsize=1)
def digest():
    """What the index depends on: this module and the Elasticsearch index settings, as written.
    Any change to them calls for `update_index` (search/checks.py says so)."""
    here = Path(__file__).resolve().parent
    written = b"".join((here / name).read_bytes() for name in ("analysis.py", "elasticsearch.py"))
    return hashlib.sha256(written).hexdigest()


def normalise(text):
    """One spelling for what people write many ways; idempotent, keeps Latin text (lower-cased)."""
    text = unicodedata.normalize("NFKC", text)
    text = TANWEEN_ALEF.sub("", text)
    text = MARKS.sub("", text)
    return text.translate(_FOLD).casefold()


def stem(word):
    """Light stemming of one normalised Arabic word; never leaves fewer than two letters."""
    if len(word) >= 4 and word.startswith("و") and not word.startswith("وال"):
        # "and" before a word, unless the و is the word's own (ورشة, وثيقة, وزارة).
        whole = _stem(word)
        return whole if whole in OWN_WAW else _stem(word[1:])
    return _stem(word)


def _stem(word):
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    word = BROKEN_PLURALS.get(word, word)
    for pronoun in _PRONOUNS:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 4:
            word = word[: -len(pronoun)]
            break
    else:
        # "my", "your" on a feminine plural (بياناتي, بياناتك) before the plural's ending.
        if word.endswith(("اتي", "اتك")) and len(word) >= 6:
            word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    # A relative adjective's ي left by a plural ending (جمعيات → جمعي) goes too, so that singular
    # and plural meet (جمعية → جمع): the site's commonest words are of this shape.
    if len(word) >= 4 and word.endswith("ي"):
        word = word[:-1]
    return word


@lru_cache(maxsize=4)
def _latin_stemmer(language):
    return snowballstemmer.stemmer(_STEMMERS.get(language, "english"))


def terms(text, language="ar"):
    """The searchable terms of `text`, in order: normalised, stemmed, stop words left out."""
    latin = _latin_stemmer(language)
    result = []
    for word in _WORD.findall(normalise(text)):
        if word in STOP_WORDS or word.replace("_", "") == "":
            continue
        if _ARABIC.search(word):
            result.append(stem(word))
        elif word.isdigit():
            result.append(word)
        else:
            # Stemmed with its accents, then without them: "alphabetisation" typed on a phone
            # finds "alphabétisation" on every backend alike.
            result.append(_unaccented(latin.stemWord(word)))
    return result


def _unaccented(word):
    return "".join(
        letter
        for letter in unicodedata.normalize("NFD", word)
        if unicodedata.category(letter) != "Mn"
    )


_FRENCH = frozenset("le la les des du une est et pour dans sur avec aux ce cette qui".split())  # noqa: SIM905
_ENGLISH = frozenset("the and of to is for with this that are on by".split())  # noqa: SIM905


def guess_language(text):
    """The language of a text that does not say (an uploaded document): ar, fr or en."""
    words = _WORD.findall(text[:5000].casefold())
    arabic = sum(1 for word in words if _ARABIC.search(word))
    if arabic * 2 >= len(words):
        return "ar"
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    return "fr" if french > english else "en"


def analyse(text, language="ar"):
    """`text` as the index stores it and as queries are matched against it."""
    return " ".join(terms(text, language))
