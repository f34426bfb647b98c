"""How the site writes numbers, dates, file sizes and lists: one style per site, from its settings.

Arabic pages use the digits the site settings choose (Latin 0-9 or Arabic-Indic ٠-٩) and the
Arabic month names they choose (يناير... as in Egypt and the Gulf, or كانون الثاني... as in Syria,
Lebanon, Jordan and Iraq). Every template writes dates through `written_date` and sizes through
`file_size`; the digits of every text a page shows, charts included, are set once, by
`NumeralsMiddleware`, on the finished page: attributes (addresses, `datetime`, form values) and
code-like elements keep their Latin digits, so machines and links read what they always read.
"""

import datetime
import re
from contextvars import ContextVar
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from home.digits import to_latin_digits
from home.models import SiteSettings

LATIN = "latin"
ARABIC_INDIC = "arabic-indic"

# Month names as Egypt, the Gulf and Morocco's press write them, and as the Levant and Iraq do.
TRANSLITERATED = "transliterated"
LEVANTINE = "levantine"
ARABIC_MONTHS = {
    TRANSLITERATED: [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    LEVANTINE: [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ],
}

_TO_ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
_DIGITS_ONLY = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Style:
    """The choices of one site: digits and Arabic month names."""

    def __init__(self, digits=LATIN, months=TRANSLITERATED):
        self.digits = digits
        self.months = months


_style: ContextVar = ContextVar("numerals_style", default=None)


def current_style():
    """The style of the site serving this request (a callable set by the middleware), or the
    defaults outside a request (emails, commands)."""
    found = _style.get()
    if callable(found):
        found = found()
        _style.set(found)
    return found or Style()


def use_style(style):
    """Sets the style for what is rendered next (a Style, or a callable giving one when first
    needed, so a page that prints no date never reads the settings)."""
    return _style.set(style)


def language():
    return (translation.get_language() or "").split("-")[0]


def arabic_page():
    return language() == "ar"


def digits(text, style=None):
    """`text` with the digits Arabic pages use: Arabic-Indic digits where the site chose them."""
    style = style or current_style()
    if style.digits == ARABIC_INDIC and arabic_page():
        return str(text).translate(_DIGITS_ONLY)
    return str(text)


def written_date(value, style=None):
    """A date as readers of the active language write it: "15 يناير 2026" (or "15 كانون الثاني
    2026"), "15 January 2026", "15 janvier 2026" ("1er mars 2028"). Digits are set with the rest of
    the page."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if arabic_page():
        months = ARABIC_MONTHS.get((style or current_style()).months, ARABIC_MONTHS[TRANSLITERATED])
        return f"{value.day} {months[value.month - 1]} {value.year}"
    written = formats.date_format(value, "DATE_FORMAT")
    if value.day == 1 and language() == "fr" and written.startswith("1 "):
        # French writes the first of a month as an ordinal, which no date format letter gives.
        written = f"1er{written[1:]}"
    return written


def written_moment(value, style=None):
    """A moment in the site's time zone: its written date and the time on a 24-hour clock,
    "8 فبراير 2027 · 23:59", as event pages write them."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{written_date(local, style)} · {local:%H:%M}"


def month_year(value, style=None):
    """ "يناير 2026", "January 2026": a point of a monthly series."""
    if arabic_page():
        months = ARABIC_MONTHS.get((style or current_style()).months, ARABIC_MONTHS[TRANSLITERATED])
        return f"{months[value.month - 1]} {value.year}"
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def number(value, places=None):
    """A number as the active language writes it: "1,250" and "12.5" in Arabic and English
    (Arabic-Indic pages turn them into "١٬٢٥٠" and "١٢٫٥"), "1 250" and "12,5" in French."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if places is None:
        value = value.normalize() if isinstance(value, Decimal) else value
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def file_size(size):
    """A file's size as readers write it: "10 ميغابايت", "750 كيلوبايت", "1.5 ميغابايت"; whole
    numbers where they are whole, one decimal where they are not."""
    if size is None:
        return ""
    size = int(size)
    if size >= 1024 * 1024:
        amount, unit = size / (1024 * 1024), _("%(size)s MB")
    elif size >= 1024:
        amount, unit = size / 1024, _("%(size)s KB")
    else:
        return _("%(size)s bytes") % {"size": size}
    rounded = round(amount, 1)
    shown = int(rounded) if rounded == int(rounded) else rounded
    return unit % {"size": number(shown)}


def written_list(items):
    """Items one after the other, with the language's comma: "أ، ب", "a, b"."""
    separator = "، " if translation.get_language_bidi() else ", "
    return separator.join(str(item) for item in items)


def quoted_words(words):
    """Words quoted as the language quotes them, in a list: «التسويق»، «الرقمي»."""
    return written_list(_("“%(word)s”") % {"word": word} for word in words)


# One pass over the finished page: the digits of its text change; tags (with their attributes),
# scripts, styles, what a visitor typed (textarea) and code-like text (references, codes) are
# matched whole and kept as they are.
_KEPT = r"<(script|style|textarea|code|kbd|samp|pre)\b.*?</\1\s*>|<[^>]*>"
_LATIN_NUMBERS = re.compile(_KEPT + r"|([0-9]+(?:[.,][0-9]+)*)", re.DOTALL | re.IGNORECASE)
_EASTERN_DIGITS = re.compile(
    _KEPT + "|([\u0660-\u0669\u06f0-\u06f9]+(?:[\u066b\u066c][\u0660-\u0669\u06f0-\u06f9]+)*)",
    re.DOTALL | re.IGNORECASE,
)
_TO_LATIN_SEPARATORS = str.maketrans("\u066b\u066c", ".,")
_EASTERN = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def arabic_indic_text(html):
    """The digits of a page's text (never of its tags and attributes) in Arabic-Indic; the decimal
    point and thousands separator between digits in their Arabic forms (٫ ٬)."""
    return _LATIN_NUMBERS.sub(
        lambda m: m.group(2).translate(_TO_ARABIC_INDIC) if m.group(2) else m.group(0), html
    )


def latin_text(html):
    """The Arabic-Indic and Persian digits of a page's text (typed so by an editor) in Latin, on
    a site that writes Latin digits; tags, attributes and code-like text are left as they are."""
    return _EASTERN_DIGITS.sub(
        lambda m: (
            to_latin_digits(m.group(2)).translate(_TO_LATIN_SEPARATORS)
            if m.group(2)
            else m.group(0)
        ),
        html,
    )


class NumeralsMiddleware:
    """Sets the site's style for the request, and the digits of an Arabic page's text: all
    Arabic-Indic, or all Latin (editors' Arabic-Indic digits included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = use_style(lambda: site_style(request))
        try:
            response = self.get_response(request)
            if (
                arabic_page()
                and not getattr(response, "streaming", False)
                and response.get("Content-Type", "").startswith("text/html")
                and not request.path.startswith(("/admin/", "/django-admin/"))
            ):
                charset = response.charset or "utf-8"
                html = response.content.decode(charset)
                if current_style().digits == ARABIC_INDIC:
                    html = arabic_indic_text(html)
                elif _EASTERN.search(html):
                    html = latin_text(html)
                response.content = html.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
            return response
        finally:
            _style.reset(token)


def site_style(request):
    try:
        chosen = SiteSettings.for_request(request)
    except Exception:  # no site answers this host: the defaults
        return Style()
    return Style(chosen.arabic_digits, chosen.arabic_months)
