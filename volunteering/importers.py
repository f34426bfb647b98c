"""Item types `opportunity` and `help_request` (see content-format.md).

opportunity: `association` ({"slug", "name", "description"}: a civil-society partner, created in
             the source language, translated in another), `skills` (slugs), `region` (a slug) or
             `remote` (true), `hours_per_week`, `starts`, `ends` (YYYY-MM-DD),
             `volunteers_wanted`, `gains` (list of strings), `body` (paragraphs).
help_request: the page where associations ask for volunteers, with an `intro`.
Both go under their language's volunteering index, made when missing.
"""

from datetime import date

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.importing import _text, paragraphs, register, section_index, text_list, whole_number
from home.models import HomePage
from programmes.models import Partner, Region

from .models import (
    MAX_HOURS_PER_WEEK,
    MAX_VOLUNTEERS,
    HelpRequestPage,
    Skill,
    VolunteeringIndexPage,
    VolunteerOpportunityPage,
)


def volunteering_index(locale):
    summary = _(
        "Technical volunteering for associations: find an opportunity that fits your skills, "
        "sign up, and receive a certificate of the hours you give."
    )
    return section_index(
        VolunteeringIndexPage, "volunteering", locale, title=_("Volunteering"), summary=summary
    )


def index_parent(locale):
    index = volunteering_index(locale)
    # Later translations find their index already translated.
    for other in Locale.objects.exclude(pk=locale.pk):
        if HomePage.objects.filter(locale=other).exists():
            volunteering_index(other)
    return index


def _date(item, key):
    try:
        return date.fromisoformat(item.get(key))
    except (TypeError, ValueError) as error:
        raise ValueError(f"'{key}' must be a date as YYYY-MM-DD") from error


def opportunity_fields(item):
    association = item.get("association")
    if not isinstance(association, dict):
        raise ValueError('\'association\' must be {"slug", "name", "description"}')
    remote = item.get("remote", False)
    if not isinstance(remote, bool):
        raise ValueError("'remote' must be true or false")
    region = item.get("region")
    if not remote and not isinstance(region, str):
        raise ValueError("give 'region' (a slug), or 'remote': true")
    starts, ends = _date(item, "starts"), _date(item, "ends")
    if ends < starts:
        raise ValueError("'ends' cannot be before 'starts'")
    gains = text_list(item, "gains")
    return {
        "association": {
            "slug": _text(association, "slug", required=True, max_length=80),
            "name": _text(association, "name", required=True, max_length=200),
            "description": _text(association, "description", max_length=500),
        },
        "skills": text_list(item, "skills"),
        "region": region if not remote else None,
        "remote": remote,
        "hours_per_week": whole_number(item, "hours_per_week", 1, MAX_HOURS_PER_WEEK),
        "starts": starts,
        "ends": ends,
        "volunteers_wanted": whole_number(item, "volunteers_wanted", 1, MAX_VOLUNTEERS),
        "gains": "<ul>" + "".join(f"<li>{escape(g)}</li>" for g in gains) + "</ul>"
        if gains
        else "",
        "body": paragraphs(text_list(item, "body")),
    }


def _association(entry, locale):
    """The association in the source language; in another language, its translation."""
    source_locale = Locale.get_default()
    source = Partner.objects.filter(locale=source_locale, slug=entry["slug"]).first()
    fields = {"name": entry["name"], "description": entry["description"]}
    if source is None:
        if locale != source_locale:
            raise ValueError(f"association {entry['slug']!r} has no {settings.LANGUAGE_CODE} name")
        return Partner.objects.create(
            slug=entry["slug"], locale=source_locale, kind=Partner.Kind.CIVIL_SOCIETY, **fields
        )
    if locale != source_locale:
        translation = source.get_translation_or_none(locale) or source.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
    return source


def _source(model, slug, label):
    row = model.objects.filter(locale=Locale.get_default(), slug=slug).first()
    if row is None:
        raise ValueError(f"unknown {label}: {slug}")
    return row


def prepare_opportunity(values, locale):
    values = dict(values)
    values["partner"] = _association(values.pop("association"), locale)
    values["skills"] = [_source(Skill, slug, "skill") for slug in values["skills"]]
    region = values.pop("region")
    values["region"] = _source(Region, region, "region") if region else None
    return values


def help_request_fields(item):
    intro = _text(item, "intro")
    return {"intro": f"<p>{escape(intro)}</p>" if intro else ""}


register(
    "opportunity",
    VolunteerOpportunityPage,
    parent=index_parent,
    fields=opportunity_fields,
    prepare=prepare_opportunity,
)
register("help_request", HelpRequestPage, parent=index_parent, fields=help_request_fields)
