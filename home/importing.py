"""Content import in the format of content-format.md.

Each app registers its item types in its own `importers.py`; this module validates the fields every
item has, places pages in their locale's tree, links translations, and writes one file in one
transaction. Items identify their page by (type, locale, slug), so importing twice changes nothing.
"""

import contextlib
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.module_loading import autodiscover_modules
from wagtail.fields import StreamValue
from wagtail.models import Locale, Page

from home.models import HomePage
from home.synchronised import fact, synchronised_fields


class ContentImportError(Exception):
    def __init__(self, position, message):
        self.position = position
        super().__init__(f"item {position}: {message}" if position else message)


@dataclass
class ItemType:
    """How one `type` of item becomes a page.

    `parent(locale)` returns the page new items of this type go under, in that locale; a type
    whose pages go under another imported page (a lesson under its module) takes
    `parent(locale, item)`.
    `fields(item)` validates the type's own fields and returns model values (raise ValueError).
    `prepare(values, locale)`, when given, runs as the item is written, inside the import's
    transaction: it turns values that name other rows (snippets the import may create) into
    model values.
    `finish(page, item)`, when given, sets what plain values cannot (relations to other pages,
    position among siblings) just before the page is published (raise ValueError).
    `keys` names the item key of a model field where the two differ.
    `verify(page, item)`, when given, runs once every item of the file is written, still inside
    the transaction, for rules that depend on other items (a programme's form placed under it
    later in the file); it raises ValueError to refuse the whole file.
    """

    model: type[Page]
    parent: Callable[..., Page]
    fields: Callable[[dict], dict] = field(default=lambda item: {})
    prepare: Callable[[dict, Locale], dict] | None = None
    finish: Callable[[Page, dict], None] | None = None
    keys: dict[str, str] = field(default_factory=dict)
    verify: Callable[[Page, dict], None] | None = None

    def parent_for(self, locale, item):
        if len(inspect.signature(self.parent).parameters) == 2:
            return self.parent(locale, item)
        return self.parent(locale)


ITEM_TYPES: dict[str, ItemType] = {}


# Model fields every item type fills from an item key of another name.
COMMON_KEYS = {"show_in_menus": "in_menu"}


def register(name, model, parent, fields=None, prepare=None, finish=None, keys=None, verify=None):
    ITEM_TYPES[name] = ItemType(
        model,
        parent,
        fields or (lambda item: {}),
        prepare,
        finish,
        {**COMMON_KEYS, **(keys or {})},
        verify,
    )


def section_index(model, slug, locale, **texts):
    """The index page of a section (programmes, forms, e-learning...) in `locale`, created under
    that language's home page when missing: as the translation of the default language's index,
    so the language switcher links them, with `texts` (title, description...) in that language."""
    page = model.objects.filter(locale=locale).first()
    if page is not None:
        return page
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        raise ValueError(
            f"there is no home page in '{locale.language_code}': import its home first"
        )
    with translation.override(locale.language_code):
        values = {name: str(text) for name, text in texts.items()}
    source = model.objects.filter(locale=Locale.get_default()).exclude(locale=locale).first()
    if source is not None:
        page = source.copy_for_translation(locale, copy_parents=True).specific
        for name, value in values.items():
            setattr(page, name, value)
    else:
        page = home.add_child(
            instance=model(slug=slug, locale=locale, show_in_menus=True, **values)
        )
    page.save_revision().publish()
    return page


def paragraphs(texts):
    """Plain-text paragraphs as paragraph blocks, escaped: imported text is untrusted."""
    return [("paragraph", f"<p>{escape(text)}</p>") for text in texts]


# The largest whole number every database keeps in a PositiveIntegerField (PostgreSQL's integer):
# a larger one would fail while the file is written, not be refused with the others.
LARGEST_WHOLE_NUMBER = 2_147_483_647


def whole_number(item, key, low, high=LARGEST_WHOLE_NUMBER, default=None):
    """`item[key]` (`default` when it is absent): a whole number from `low` to `high`."""
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"'{key}' must be a whole number from {low:,} to {high:,}")
    return value


def text_list(item, key):
    values = item.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"'{key}' must be a list of non-empty strings")
    return [v.strip() for v in values]


def choice(item, key, choices, default):
    """A value of a fixed vocabulary (`choices`: (value, label) pairs), written in the item as
    the stored value ("beginner") or as its label in the item's language ("مبتدئ")."""
    value = item.get(key, default)
    codes = [code for code, _label in choices]
    if value in codes:
        return value
    if isinstance(value, str):
        with translation.override(item.get("locale") or settings.LANGUAGE_CODE):
            labels = {str(label).strip().casefold(): code for code, label in choices}
        if value.strip().casefold() in labels:
            return labels[value.strip().casefold()]
    with translation.override(item.get("locale") or settings.LANGUAGE_CODE):
        names = ", ".join(str(label) for _code, label in choices)
    raise ValueError(
        f"'{key}' must be one of: {', '.join(codes)}, or its label in the item's language: {names}"
    )


def _text(item, key, required=False, max_length=None):
    value = item.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    value = value.strip()
    if required and not value:
        raise ValueError(f"'{key}' is required")
    if max_length and len(value) > max_length:
        raise ValueError(f"'{key}' is longer than {max_length} characters")
    return value


@dataclass
class Item:
    position: int
    kind: ItemType
    locale: str
    slug: str
    values: dict
    raw: dict


def parse(data):
    """Validate every item before anything is written; raises ContentImportError."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ContentImportError(None, 'the file must be a JSON object with a list "items"')
    languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    seen = set()
    items = []
    for position, raw in enumerate(data["items"], start=1):
        try:
            if not isinstance(raw, dict):
                raise ValueError("each item must be a JSON object")
            type_name = raw.get("type")
            if type_name not in ITEM_TYPES:
                known = ", ".join(sorted(ITEM_TYPES))
                raise ValueError(f"unknown type {type_name!r} (known: {known})")
            kind = ITEM_TYPES[type_name]
            locale = raw.get("locale")
            if locale not in languages:
                raise ValueError(
                    f"unknown locale {locale!r} (known: {', '.join(sorted(languages))})"
                )
            slug = _text(raw, "slug", required=True, max_length=255)
            try:
                validate_unicode_slug(slug)
            except ValidationError as error:
                raise ValueError(f"slug {slug!r} is not valid") from error
            if (type_name, locale, slug) in seen:
                raise ValueError(f"the same {type_name} {locale}/{slug} appears twice")
            seen.add((type_name, locale, slug))
            values = {
                "title": _text(raw, "title", required=True, max_length=255),
                "summary": _text(raw, "summary", max_length=400),
            }
            if "body" in raw:
                values["body"] = paragraphs(text_list(raw, "body"))
            if "in_menu" in raw:
                if not isinstance(raw["in_menu"], bool):
                    raise ValueError("'in_menu' must be true or false")
                values["show_in_menus"] = raw["in_menu"]
            values.update(kind.fields(raw))
        except ValueError as error:
            raise ContentImportError(position, str(error)) from error
        items.append(Item(position, kind, locale, slug, values, raw))
    return items


def _comparable(value):
    """A value reduced to what an editor would see change (block ids left out)."""
    if isinstance(value, StreamValue):
        return json.dumps(_without_ids(value.get_prep_value()), sort_keys=True)
    if hasattr(value, "pk"):
        return value.pk
    # Many-to-many values: the set of related rows, whichever order they were given in.
    if hasattr(value, "all") and callable(value.all):
        return sorted(v.pk for v in value.all())
    if isinstance(value, list) and value and all(hasattr(v, "pk") for v in value):
        return sorted(v.pk for v in value)
    return value


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    return data


def _find(item, locales):
    """The item's page: same type, locale and slug, or the translation of the source page."""
    model = item.kind.model
    locale = locales[item.locale]
    page = model.objects.filter(locale=locale, slug=item.slug).first()
    source = None
    if page is None and item.locale != settings.LANGUAGE_CODE:
        source = model.objects.filter(
            locale=locales[settings.LANGUAGE_CODE], slug=item.slug
        ).first()
        if source is not None:
            page = source.get_translation_or_none(locale)
    return page, source


def _assignable(page, name):
    value = getattr(page, name)
    if page._meta.get_field(name).many_to_many:
        return list(value.all())
    return value


def _synchronise(item, source):
    """A translation takes its facts from the source page: an item that gives one of them with
    another value is refused, naming the field; a value the item left out (a default) is replaced
    by the source's."""
    model = item.kind.model
    for name in synchronised_fields(model):
        if name not in item.values:
            continue
        probe = model()
        setattr(probe, name, item.values[name])
        if fact(probe, name) != fact(source, name):
            key = item.kind.keys.get(name, name)
            if key in item.raw:
                raise ContentImportError(
                    item.position,
                    f"'{key}' is shared with the {source.locale.language_code} page "
                    f"'{source.slug}' and cannot differ in a translation: leave it out or give "
                    "the same value",
                )
        item.values[name] = _assignable(source, name)


def _write(item, locales, report):
    model = item.kind.model
    locale = locales[item.locale]
    if item.kind.prepare is not None:
        try:
            item.values = item.kind.prepare(item.values, locale)
        except ValueError as error:
            raise ContentImportError(item.position, str(error)) from error
    page, source = _find(item, locales)
    if item.locale != settings.LANGUAGE_CODE:
        default = locales[settings.LANGUAGE_CODE]
        original = source or (page and page.get_translation_or_none(default))
        if original is not None:
            _synchronise(item, original.specific)
    if page is not None:
        if all(_comparable(getattr(page, k)) == _comparable(v) for k, v in _apply(page, item)):
            report["unchanged"] += 1
            return page
        report["updated"] += 1
    else:
        report["created"] += 1
    try:
        if page is None:
            if source is not None:
                # The same slug in the source language: this item is that page's translation.
                # Its section's index is made first, with that language's texts: copying the
                # parents would give them the source's.
                with contextlib.suppress(ValueError):
                    item.kind.parent_for(locale, item.raw)
                page = source.copy_for_translation(locale, copy_parents=True).specific
            else:
                page = item.kind.parent_for(locale, item.raw).add_child(
                    instance=model(slug=item.slug, locale=locale, **item.values)
                )
        for name, value in item.values.items():
            setattr(page, name, value)
        if item.kind.finish is not None:
            item.kind.finish(page, item.raw)
        page.save_revision().publish()
    except ValidationError as error:
        raise ContentImportError(item.position, "; ".join(error.messages)) from error
    except ValueError as error:
        raise ContentImportError(item.position, str(error)) from error
    return page


def _apply(page, item):
    """Pairs of (field, new value) as the page would store them, for comparison."""
    pairs = []
    for name, value in item.values.items():
        current = getattr(page, name)
        if isinstance(current, StreamValue):
            value = current.stream_block.to_python(
                current.stream_block.get_prep_value(current.stream_block.normalize(value))
            )
        pairs.append((name, value))
    return pairs


def import_items(data):
    """Write every item of one parsed file in one transaction; returns counts for the report."""
    autodiscover_modules("importers")
    items = parse(data)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    missing = {item.locale for item in items} - set(locales)
    if missing:
        raise ContentImportError(None, f"locales not set up in the site: {', '.join(missing)}")
    report = {"created": 0, "updated": 0, "unchanged": 0}
    # Source-language items first, so that their translations can be linked to them.
    items.sort(key=lambda item: item.locale != settings.LANGUAGE_CODE)
    with transaction.atomic():
        written = [(item, _write(item, locales, report)) for item in items]
        for item, page in written:
            if item.kind.verify is None:
                continue
            try:
                item.kind.verify(type(page).objects.get(pk=page.pk), item.raw)
            except ValueError as error:
                raise ContentImportError(item.position, str(error)) from error
    return report


def demo_files(*folder):
    """The project's apps' demo files, `<app>/demo/<folder>/*.json`, app by app."""
    for app in apps.get_app_configs():
        demo = Path(app.path, "demo", *folder)
        if Path(app.path).parent == settings.BASE_DIR and demo.is_dir():
            yield from sorted(demo.glob("*.json"))
