"""The indicators page, each indicator's page, the open-data page and the CSV and JSON files."""

import csv
import io
import json
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from home.lookups import active_locale
from home.models import SiteSettings, visible
from home.numerals import month_year, number, written_date, written_list

from . import charts
from .models.indicators import Kind, published_indicators

# The columns of every CSV file, documented on the data page in this order.
COLUMNS = ["indicator", "name", "date", "group", "value", "unit", "computed", "demo_data", "source"]


def _labels(points):
    """Dates as a series' axis reads them: the year alone when there is one value a year, the
    month when there is one a month, else the day (a nightly count, a weekly history)."""
    days = [p["date"] for p in points]
    if len({day.year for day in days}) == len(days):
        return [str(day.year) for day in days]
    if len({(day.year, day.month) for day in days}) == len(days):
        return [month_year(day) for day in days]
    return [written_date(day) for day in days]


def unit_text(indicator, value):
    if value is None:
        return ""
    text = number(value)
    if indicator.unit == "percent":
        return f"{text}%"
    return text


def chart(indicator, ident):
    """The indicator's chart: a line for a series, bars of its latest values for a breakdown."""
    rtl = get_language_bidi()
    if indicator.kind == Kind.BREAKDOWN:
        marks = [charts.Mark(p["category"], float(p["value"])) for p in indicator.latest]
        description = _("%(name)s on %(date)s, per group: %(values)s.") % {
            "name": indicator.name,
            "date": written_date(indicator.latest_date),
            "values": written_list(
                f"{p['category']} {unit_text(indicator, p['value'])}" for p in indicator.latest
            ),
        }
        draw = charts.bar_chart
    else:
        points = [p for p in indicator.points if not p["category"]]
        labels = _labels(points)
        marks = [
            charts.Mark(label, float(p["value"]), p["date"])
            for label, p in zip(labels, points, strict=True)
        ]
        if len(points) == 1:
            description = _("%(name)s: %(value)s in %(when)s.") % {
                "name": indicator.name,
                "value": unit_text(indicator, points[0]["value"]),
                "when": labels[0],
            }
        elif points:
            description = _("%(name)s from %(first)s (%(from)s) to %(last)s (%(to)s).") % {
                "name": indicator.name,
                "first": labels[0],
                "from": unit_text(indicator, points[0]["value"]),
                "last": labels[-1],
                "to": unit_text(indicator, points[-1]["value"]),
            }
        else:
            description = ""
        draw = charts.line_chart
    if not marks:
        return ""
    return mark_safe(  # noqa: S308 - charts.py escapes every text it draws
        draw(
            marks,
            title=indicator.name,
            description=description,
            ident=ident,
            rtl=rtl,
            number=lambda value: "" if value is None else number(value),
        )
    )


def _card(page, indicator, ident):
    return {
        "indicator": indicator,
        "chart": chart(indicator, ident),
        "url": page.indicator_url(indicator),
        "csv": reverse("indicator_download", args=[indicator.slug, "csv"]),
        "json": reverse("indicator_download", args=[indicator.slug, "json"]),
    }


def index(page, request):
    cards = [_card(page, ind, f"chart-{ind.slug}") for ind in page.indicators()]
    surveys = visible(page.get_children()).specific()
    return TemplateResponse(
        request,
        "indicators/indicator_index_page.html",
        page.get_context(request)
        | {"cards": cards, "surveys": surveys, "data_url": page.url + page.reverse_subpage("data")},
    )


def indicator_page(page, request, indicator):
    context = page.get_context(request) | {
        "card": _card(page, indicator, "chart"),
        "indicator": indicator,
        # The newest date first; a date's groups in the chart's order (the sort is stable).
        "history": sorted(indicator.points, key=lambda point: point["date"], reverse=True),
        "data_url": page.url + page.reverse_subpage("data"),
    }
    return TemplateResponse(request, "indicators/indicator_page.html", context)


def data_page(page, request):
    context = page.get_context(request) | {
        "cards": [_card(page, ind, "") for ind in page.indicators()],
        "licence": SiteSettings.for_request(request),
        "columns": column_docs(),
    }
    return TemplateResponse(request, "indicators/data_page.html", context)


def column_docs():
    return [
        ("indicator", _("The indicator's stable identifier, as in the file's address.")),
        ("name", _("The indicator's name in the language of the address.")),
        ("date", _("The day the value was true, as YYYY-MM-DD.")),
        ("group", _("For a breakdown: the governorate, track or group; empty for a total.")),
        ("value", _("The value, with a point for decimals.")),
        ("unit", _("count, percent, hours or amount.")),
        ("computed", _("true when the site counted it from its own data.")),
        ("demo_data", _("true for invented demonstration figures.")),
        ("source", _("Where the figure comes from.")),
    ]


def _cell(value):
    """A CSV cell: true/false, numbers with a point, and text no spreadsheet reads as a formula."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows(indicator):
    for point in indicator.points:
        yield {
            "indicator": indicator.slug,
            "name": indicator.name,
            "date": point["date"].isoformat(),
            "group": point["category"],
            "value": point["value"],
            "unit": indicator.unit,
            "computed": indicator.computed,
            "demo_data": indicator.demo,
            "source": indicator.source,
        }


def _json_number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def download(request, slug, extension):
    """An indicator's values as CSV or JSON, at an address that never changes: /ar/open-data/
    trainees.csv. An indicator that is not published is not found."""
    indicator = published_indicators(active_locale()).filter(slug=slug).first()
    if indicator is None or extension not in ("csv", "json"):
        raise Http404
    settings = SiteSettings.for_request(request)
    licence = {"name": settings.data_licence, "url": settings.data_licence_url}
    filename = f"{indicator.slug}.{extension}"
    if extension == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for row in rows(indicator):
            writer.writerow({key: _cell(value) for key, value in row.items()})
        # A byte order mark so that spreadsheets read the Arabic as UTF-8.
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        document = {
            "indicator": indicator.slug,
            "name": indicator.name,
            "definition": indicator.definition,
            "unit": indicator.unit,
            "unit_label": indicator.unit_label,
            "source": indicator.source,
            "source_url": indicator.source_url,
            "computed": indicator.computed,
            "demo_data": indicator.demo,
            "licence": licence,
            "columns": COLUMNS,
            "values": [{**row, "value": float(row["value"])} for row in rows(indicator)],
        }
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if licence["url"]:
        response["Link"] = f'<{licence["url"]}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
