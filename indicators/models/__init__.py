"""Indicators: figures with a definition, a source and dated values, typed by editors or computed
by the site every night; the indicators page that charts them; survey results.

Indicators' models, by concept: indicators.py (the indicator, its unit, chart and form),
values.py (typed and computed values) and pages.py (the indicators page and survey results)."""

from .indicators import (
    TEXT_FEATURES,
    Indicator,
    IndicatorForm,
    Kind,
    Unit,
    published_indicators,
    unit_problem,
)
from .pages import IndicatorIndexPage, SurveyResultsPage
from .values import ComputedValue, IndicatorValue, compute, compute_all, compute_history

__all__ = [
    "TEXT_FEATURES",
    "ComputedValue",
    "Indicator",
    "IndicatorForm",
    "IndicatorIndexPage",
    "IndicatorValue",
    "Kind",
    "SurveyResultsPage",
    "Unit",
    "compute",
    "compute_all",
    "compute_history",
    "published_indicators",
    "unit_problem",
]
