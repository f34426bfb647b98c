"""Item types `indicators` (the indicators page of a language, with its indicators) and
`survey_results` (a survey's results page under it).

An `indicators` item gives, besides the common fields:

- `intro`: list of paragraphs;
- `indicators`: list of {"slug", "name", "unit_label", "definition", "source", "methodology"}; in
  the default language also "unit" (count, percent, hours, amount), "kind" (series, breakdown),
  "source_url", "computation" (a key registered with home.figures), "demo" (true for invented
  figures) and "values" (list of {"date": "YYYY-MM-DD", "value", "group"}); in another language
  an indicator is the translation of the default language's indicator of the same slug;
- `home_figures` (slugs) and `home_figures_heading`: the key figures of that language's home page.

A `survey_results` item gives `survey` (the slug of a form page in the same language) and `intro`.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from applications.models import ApplicationFormPage
from home.figures import COMPUTATIONS
from home.importing import register, section_index, text_list
from home.models import HomePage

from .models import (
    ComputedValue,
    Indicator,
    IndicatorIndexPage,
    IndicatorValue,
    Kind,
    SurveyResultsPage,
    Unit,
    compute,
    unit_problem,
)

TEXTS = ("name", "unit_label", "definition", "source", "methodology")


def _html(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def _string(entry, key, where, required=False, max_length=255):
    value = entry.get(key, "")
    if not isinstance(value, str) or len(value) > max_length:
        raise ValueError(f"{where}: '{key}' must be a string of at most {max_length} characters")
    if required and not value.strip():
        raise ValueError(f"{where}: '{key}' is required")
    return value.strip()


def _values(entry, where, unit, kind):
    rows = []
    for position, raw in enumerate(entry.get("values", []), start=1):
        at = f"{where}, value {position}"
        if not isinstance(raw, dict):
            raise ValueError(f"{at} must be an object")
        try:
            day = datetime.date.fromisoformat(str(raw.get("date", "")))
        except ValueError as error:
            raise ValueError(f"{at}: 'date' must be a date as YYYY-MM-DD") from error
        if day > timezone.localdate():
            raise ValueError(f"{at}: the date {day} is in the future")
        try:
            value = Decimal(str(raw.get("value")))
        except InvalidOperation as error:
            raise ValueError(f"{at}: 'value' must be a number") from error
        try:
            # What the admin's form refuses too: NaN, infinities, more digits than are kept.
            IndicatorValue._meta.get_field("value").run_validators(value)
        except ValidationError as error:
            raise ValueError(f"{at}: 'value' {value} cannot be kept: {' '.join(error)}") from error
        problem = unit_problem(unit, value)
        if problem:
            raise ValueError(f"{at}: {problem}")
        group = _string(raw, "group", at, max_length=120)
        if kind == Kind.BREAKDOWN and not group:
            raise ValueError(f"{at}: a breakdown needs the 'group' of each value")
        rows.append({"date": day, "value": value, "category": group})
    return rows


def _indicator(entry, where, source_language):
    if not isinstance(entry, dict):
        raise ValueError(f"{where} must be an object")
    data = {"slug": _string(entry, "slug", where, required=True, max_length=80)}
    for key in TEXTS:
        data[key] = _string(
            entry,
            key,
            where,
            required=key in ("name", "definition", "source"),
            max_length=4000 if key in ("definition", "methodology") else 255,
        )
    if source_language:
        data["unit"] = entry.get("unit", Unit.COUNT)
        data["kind"] = entry.get("kind", Kind.SERIES)
        if data["unit"] not in Unit.values or data["kind"] not in Kind.values:
            raise ValueError(f"{where}: 'unit' or 'kind' is not one the site knows")
        data["source_url"] = _string(entry, "source_url", where)
        data["computation"] = _string(entry, "computation", where, max_length=64)
        if data["computation"] and data["computation"] not in COMPUTATIONS:
            raise ValueError(f"{where}: unknown computation {data['computation']!r}")
        data["demo"] = bool(entry.get("demo", False))
        data["values"] = _values(entry, where, data["unit"], data["kind"])
        if data["computation"] and data["values"]:
            raise ValueError(f"{where}: a computed indicator takes no typed values")
    return data


def index_fields(item):
    source_language = item.get("locale") == settings.LANGUAGE_CODE
    indicators = item.get("indicators", [])
    if not isinstance(indicators, list):
        raise ValueError("'indicators' must be a list")
    return {
        "intro": _html(text_list(item, "intro")),
        "_indicators": [
            _indicator(entry, f"indicator {n}", source_language)
            for n, entry in enumerate(indicators, start=1)
        ],
        "_home_figures": text_list(item, "home_figures"),
        "_home_figures_heading": _string(item, "home_figures_heading", "item"),
    }


def prepare_index(values, locale):
    values = dict(values)
    for position, data in enumerate(values.pop("_indicators")):
        _write_indicator(data, locale, position)
    slugs = values.pop("_home_figures")
    heading = values.pop("_home_figures_heading")
    if slugs:
        _home_figures(locale, slugs, heading)
    return values


def _write_indicator(data, locale, position):
    data = dict(data)
    rows = data.pop("values", None)
    default = Locale.get_default()
    indicator = Indicator.objects.filter(locale=locale, slug=data["slug"]).first()
    if indicator is None and locale != default:
        source = Indicator.objects.filter(locale=default, slug=data["slug"]).first()
        if source is None:
            raise ValueError(f"there is no indicator {data['slug']!r} in the default language")
        indicator = source.copy_for_translation(locale)
    if indicator is None:
        indicator = Indicator(locale=locale, slug=data["slug"])
    data["methodology"] = _html([data["methodology"]]) if data["methodology"] else ""
    changed = indicator.pk is None or any(getattr(indicator, k) != v for k, v in data.items())
    if locale == default and rows is not None:
        existing = (
            [(v.date, v.category, v.value) for v in indicator.values.all()] if indicator.pk else []
        )
        wanted = [(r["date"], r["category"], r["value"]) for r in rows]
        changed = changed or existing != wanted
        if changed:
            indicator.values = [IndicatorValue(**row) for row in rows]
    if changed:
        for key, value in data.items():
            setattr(indicator, key, value)
        indicator.sort_order = position
        indicator.live = True
        indicator.save()
        indicator.save_revision().publish()
    # Counted on the default language's indicator alone: the other languages show its values.
    if (
        locale == default
        and indicator.computation
        and not ComputedValue.objects.filter(indicator=indicator).exists()
    ):
        compute(indicator)


def _home_figures(locale, slugs, heading):
    """The home page's key figures become these indicators (in place of any typed figures)."""
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        return
    chosen = {i.slug: i for i in Indicator.objects.filter(locale=locale, slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in chosen]
    if missing:
        raise ValueError(f"'home_figures': no indicator {', '.join(missing)}")
    block = ("indicator_figures", {"heading": heading, "indicators": [chosen[s] for s in slugs]})
    kept = [
        (b.block_type, b.value)
        for b in home.body
        if b.block_type not in ("key_figures", "indicator_figures")
    ]
    current = [
        [i.pk for i in b.value["indicators"] if i]
        for b in home.body
        if b.block_type == "indicator_figures"
    ]
    if current == [[chosen[s].pk for s in slugs]] and not any(
        b.block_type == "key_figures" for b in home.body
    ):
        return
    home.body = [*kept, block]
    home.save_revision().publish()


def indicators_index(locale):
    return HomePage.objects.filter(locale=locale).first() or _no_home(locale)


def _no_home(locale):
    raise ValueError(f"there is no home page in '{locale.language_code}': import its home first")


def results_fields(item):
    return {
        "intro": _html(text_list(item, "intro")),
        "_survey": _string(item, "survey", "item", required=True),
    }


def prepare_results(values, locale):
    values = dict(values)
    slug = values.pop("_survey")
    survey = ApplicationFormPage.objects.filter(locale=locale, slug=slug).first()
    if survey is None:
        raise ValueError(f"there is no form {slug!r} in '{locale.language_code}'")
    values["survey"] = survey
    return values


def results_parent(locale):
    return section_index(IndicatorIndexPage, "indicators", locale, title="Indicators")


register(
    "indicators",
    IndicatorIndexPage,
    parent=indicators_index,
    fields=index_fields,
    prepare=prepare_index,
)
register(
    "survey_results",
    SurveyResultsPage,
    parent=results_parent,
    fields=results_fields,
    prepare=prepare_results,
)
