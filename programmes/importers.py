"""Item type `programme`: a programme page under its language's programme index.

Besides the common fields and the documented `track`, `opens`, `closes`, `eligibility`,
`joining_steps`, `apply_url` and `apply_label`, an item may give `apply_in_person` (where and when
to apply in person), `objectives` and `benefits` (lists of strings), `regions` and
`target_groups` (lists of slugs), `partners` (list of {"slug", "name", "kind", "website",
"description"}) and `faqs` (list of {"question", "answer"}). A criterion is either its text or
{"text", "kind", "explanation", "question"}; a criterion with the same text in the same language
is reused. A kind (a partner's, a criterion's) is its value ("academia") or its label in the
item's language ("جهة أكاديمية"). In another language, the n-th criterion and a partner with the
same slug become translations of the source page's n-th criterion and of that partner.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.importing import choice, register, section_index, text_list

from . import status
from .models import (
    EligibilityCriterion,
    Partner,
    PartnerIndexPage,
    ProgrammeIndexPage,
    ProgrammePage,
    Region,
    TargetGroup,
)


def _html_list(texts):
    return "<ul>" + "".join(f"<li>{escape(text)}</li>" for text in texts) + "</ul>" if texts else ""


def _date(item, key):
    value = item.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"'{key}' must be a date as YYYY-MM-DD, not {value!r}") from error


def _objects(item, key, required_keys, optional_keys=()):
    values = item.get(key, [])
    if not isinstance(values, list):
        raise ValueError(f"'{key}' must be a list")
    cleaned = []
    for position, value in enumerate(values, start=1):
        if not isinstance(value, dict):
            raise ValueError(f"'{key}' entry {position} must be an object")
        entry = {}
        for name in (*required_keys, *optional_keys):
            text = value.get(name, "")
            if not isinstance(text, str):
                raise ValueError(f"'{key}' entry {position}: '{name}' must be a string")
            if name in required_keys and not text.strip():
                raise ValueError(f"'{key}' entry {position}: '{name}' is required")
            entry[name] = text.strip()
        cleaned.append(entry)
    return cleaned


def _criteria(item):
    values = item.get("eligibility", [])
    if not isinstance(values, list):
        raise ValueError("'eligibility' must be a list")
    criteria = []
    for position, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = {"text": value}
        [entry] = _objects({"c": [value]}, "c", ["text"], ["kind", "explanation", "question"])
        try:
            entry["kind"] = choice(
                {"locale": item.get("locale"), "kind": entry["kind"] or "required"},
                "kind",
                EligibilityCriterion.Kind.choices,
                EligibilityCriterion.Kind.REQUIRED,
            )
        except ValueError as error:
            raise ValueError(f"'eligibility' entry {position}: {error}") from None
        if len(entry["text"]) > 300:
            raise ValueError(f"'eligibility' entry {position} is longer than 300 characters")
        criteria.append(entry)
    return criteria


def programme_fields(item):
    values = {}
    track = item.get("track", "")
    if not isinstance(track, str) or len(track) > 80:
        raise ValueError("'track' must be a string of at most 80 characters")
    values["track"] = track.strip()
    values["opens"] = _date(item, "opens")
    values["closes"] = _date(item, "closes")
    if values["opens"] and values["closes"] and values["closes"] < values["opens"]:
        raise ValueError("'closes' is before 'opens'")
    # Without steps or without dates the programme is published as announced.
    steps = _objects(item, "joining_steps", ["title", "text"], ["link"])
    values["apply_url"] = _link(item)
    for key, max_length in (("apply_label", 80), ("apply_in_person", 500)):
        text = item.get(key, "")
        if not isinstance(text, str) or len(text.strip()) > max_length:
            raise ValueError(f"'{key}' must be a string of at most {max_length} characters")
        values[key] = text.strip()
    values["joining_steps"] = [
        (
            "step",
            {
                "title": step["title"],
                "text": step["text"],
                "documents": text_list(raw, "documents"),
                "link_page": None,
                "link_url": step["link"],
                "link_label": "",
            },
        )
        for step, raw in zip(steps, item.get("joining_steps", []), strict=True)
    ]
    values["objectives"] = _html_list(text_list(item, "objectives"))
    values["benefits"] = _html_list(text_list(item, "benefits"))
    values["faqs"] = [
        ("question", {"question": faq["question"], "answer": f"<p>{escape(faq['answer'])}</p>"})
        for faq in _objects(item, "faqs", ["question", "answer"])
    ]
    # Resolved by `prepare` when the item is written: these name rows the import may create.
    values["regions"] = text_list(item, "regions")
    values["target_groups"] = text_list(item, "target_groups")
    values["eligibility"] = _criteria(item)
    partners = _objects(item, "partners", ["slug", "name"], ["kind", "website", "description"])
    for partner in partners:
        try:
            partner["kind"] = choice(
                {"locale": item.get("locale"), "kind": partner["kind"]},
                "kind",
                Partner.Kind.choices,
                None,
            )
        except ValueError as error:
            raise ValueError(f"partner {partner['slug']!r}: {error}") from None
    values["partners"] = partners
    return values


def _link(item):
    value = item.get("apply_url", "")
    if not isinstance(value, str):
        raise ValueError("'apply_url' must be a string")
    value = value.strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as error:
            raise ValueError(f"'apply_url' is not an http(s) address: {value!r}") from error
    return value


def verify_programme(page, item):
    """An open programme needs a way to apply, once the whole file is written (its form may come
    later in the file)."""
    if not page.is_open():
        return
    missing = status.missing_way_to_apply(
        form=page.application_page_id is not None,
        link=bool(page.apply_url),
        link_label=bool(page.apply_label),
        in_person=bool(page.apply_in_person),
    )
    if missing == ["link_label"]:
        raise ValueError("'apply_url' needs 'apply_label', the text of the link")
    if missing == ["link"]:
        raise ValueError("'apply_label' needs 'apply_url', the address of the link")
    if missing:
        raise ValueError(
            "the programme is open and has no way to apply: give 'apply_url' and "
            "'apply_label', or 'apply_in_person', or a 'form' item with "
            f'"programme": "{page.slug}"'
        )


def _snippets(model, slugs, label):
    source = Locale.get_default()
    found = {row.slug: row for row in model.objects.filter(locale=source, slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValueError(f"unknown {label}: {', '.join(unknown)}")
    return [found[slug] for slug in slugs]


def _translation_of(source, locale, **fields):
    """The translation of `source` in `locale`, created or brought up to date."""
    if source.locale_id == locale.pk:
        obj = source
    else:
        obj = source.get_translation_or_none(locale) or source.copy_for_translation(locale)
    if any(getattr(obj, name) != value for name, value in fields.items()) or obj.pk is None:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    return obj


def _partners(entries, locale):
    """Partners are linked in the source language; other languages give their translations."""
    source_locale = Locale.get_default()
    partners = []
    for entry in entries:
        fields = {"name": entry["name"], "description": entry["description"]}
        shared = {"kind": entry["kind"], "website": entry["website"]}
        source = Partner.objects.filter(locale=source_locale, slug=entry["slug"]).first()
        if source is None:
            if locale != source_locale:
                raise ValueError(
                    f"partner {entry['slug']!r} has no {settings.LANGUAGE_CODE} version"
                )
            source = Partner.objects.create(
                slug=entry["slug"], locale=source_locale, **fields, **shared
            )
        elif locale == source_locale:
            _translation_of(source, locale, **fields, **shared)
        else:
            for name, value in shared.items():
                if value and value != getattr(source, name):
                    raise ValueError(
                        f"partner {entry['slug']!r}: '{name}' is shared with the "
                        f"{settings.LANGUAGE_CODE} partner and cannot differ in a translation"
                    )
            _translation_of(source, locale, **fields)
        partners.append(source)
    return partners


def _criteria_rows(entries, locale, slug):
    """Criteria reused by text in the item's language; in another language, translations of the
    source page's criteria in the same order."""
    source_criteria = []
    if locale != Locale.get_default():
        source_page = ProgrammePage.objects.filter(locale=Locale.get_default(), slug=slug).first()
        if source_page is not None:
            source_criteria = [b.value for b in source_page.eligibility if b.value is not None]
    rows = []
    for position, entry in enumerate(entries):
        fields = {k: entry[k] for k in ("explanation", "question", "kind")}
        if position < len(source_criteria):
            # The kind is the source criterion's: a translation changes words, not rules.
            source = source_criteria[position]
            fields["kind"] = source.kind
            row = _translation_of(source, locale, text=entry["text"], **fields)
        else:
            row = EligibilityCriterion.objects.filter(locale=locale, text=entry["text"]).first()
            if row is None:
                row = EligibilityCriterion.objects.create(locale=locale, **entry)
            else:
                row = _translation_of(row, locale, **fields)
        rows.append(("criterion", row))
    return rows


def prepare_programme(values, locale):
    values = dict(values)
    # Index pages first: a translation copied from the source page then lands in its own index.
    programme_index(locale)
    partner_index(locale)
    values["regions"] = _snippets(Region, values["regions"], "regions")
    values["target_groups"] = _snippets(TargetGroup, values["target_groups"], "target groups")
    values["partners"] = _partners(values["partners"], locale)
    values["eligibility"] = _criteria_rows(values["eligibility"], locale, values.pop("_slug"))
    return values


def programme_index(locale):
    description = _(
        "The programme's tracks for civil-society organisations: what each one offers, who can "
        "join, how to apply and when applications open."
    )
    return section_index(
        ProgrammeIndexPage,
        "programmes",
        locale,
        title=_("Programmes"),
        search_description=description,
    )


def partner_index(locale):
    description = _(
        "The ministries, associations, companies, universities and international organisations "
        "that run the programme's tracks together."
    )
    return section_index(
        PartnerIndexPage, "partners", locale, title=_("Partners"), search_description=description
    )


def _programme_fields_with_slug(item):
    values = programme_fields(item)
    values["_slug"] = item.get("slug", "")
    return values


register(
    "programme",
    ProgrammePage,
    parent=programme_index,
    fields=_programme_fields_with_slug,
    prepare=prepare_programme,
    verify=verify_programme,
)
