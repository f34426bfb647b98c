"""Facts a translation shares with its source: dates, places, links, choices.

Each translatable model declares them in `translatable_fields` as wagtail-localize
`SynchronizedField`s. Those marked `overridable=False` are facts: the translation editor copies
them from the source and offers no override, `import_content` refuses a translation that changes
them, and `manage.py check_translations` lists translations whose facts differ from their source.
Overridable ones (a slug in the reader's language, an image with words in it) may differ.
"""

import json

from django.apps import apps
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from .numerals import written_list


def synchronised_fields(model):
    """Names of the model's fields that every translation takes unchanged from its source."""
    return [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, SynchronizedField) and not field.overridable
    ]


def _identity(obj):
    """What a linked row stands for: translations of one thing count as the same thing."""
    if obj is None:
        return None
    if isinstance(obj, TranslatableMixin):
        return str(obj.translation_key)
    return obj.pk


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(value) for value in data]
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    return data


def _row(obj, parent_field):
    """A child row (a form field, a prerequisite) reduced to its facts."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in (parent_field, "translation_key", "locale"):
            continue
        values[field.name] = fact(obj, field.name)
    return values


def fact(obj, name):
    """The value of one field as a reader would compare it across languages."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return sorted(_identity(related) for related in getattr(obj, name).all())
    if field.one_to_many:
        parent_field = field.field.name
        return [_row(child, parent_field) for child in getattr(obj, name).all()]
    if field.many_to_one or field.one_to_one:
        return _identity(getattr(obj, name))
    if isinstance(field, StreamField):
        return json.dumps(_without_ids(getattr(obj, name).get_prep_value()), sort_keys=True)
    return field.value_from_object(obj)


def shown(obj, name):
    """A fact as an operator reads it: linked rows by their names."""
    field = obj._meta.get_field(name)
    if field.many_to_many or field.one_to_many:
        return written_list(getattr(obj, name).all())
    return str(getattr(obj, name))


def differences(translation, source):
    """The names of the facts the two do not share."""
    return [
        name
        for name in synchronised_fields(type(translation))
        if fact(translation, name) != fact(source, name)
    ]


def _translatable_models():
    for model in apps.get_models():
        if not issubclass(model, TranslatableMixin) or not synchronised_fields(model):
            continue
        # A page type's own table; Page itself has no facts of the site's declaring.
        if issubclass(model, Page) and model is Page:
            continue
        yield model


def drift():
    """Every translation on the site whose facts differ from its source-language row."""
    source_locale = Locale.get_default()
    found = []
    for model in _translatable_models():
        rows = model.objects.all()
        if issubclass(model, Page):
            rows = rows.exact_type(model)
        sources = {row.translation_key: row for row in rows.filter(locale=source_locale)}
        for row in rows.exclude(locale=source_locale).select_related("locale"):
            source = sources.get(row.translation_key)
            if source is None:
                continue
            for name in differences(row, source):
                found.append((row, name, shown(row, name), shown(source, name)))
    return found
