"""Item types `form` (a form page) and `forms` (the forms index of a language).

A `form` item gives, besides the common fields:

- `fields`: list of {"label", "type", "name", "required", "choices", "help_text", "max_mb",
  "autocomplete"}, where `type` is one of the form builder's field types (singleline, multiline,
  email, phone, number, date, dropdown, radio, checkboxes, region, consent, file), `name` the
  stable key the answers are stored under (the same in every language) and `autocomplete` what
  the field asks of the person, as HTML names it (name, organization, bday…; fields.Purpose);
- `intro`, `thank_you` (lists of paragraphs), `submit_label`, `to_address`, `subject`;
- `allow_drafts`: true to let applicants save and finish later (the form needs an email field);
- `programme`: the slug of a programme in the same language to place the form under (it then
  becomes the programme's application form); without it the form goes under the forms index.
"""

from contextvars import ContextVar

from django.core.validators import validate_email
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.importing import register, section_index, text_list, whole_number
from programmes.models import ProgrammePage

from .models import ApplicationFormField, ApplicationFormPage, FieldType, FormIndexPage
from .models.fields import NOT_FILLED_IN, Purpose

_programme = ContextVar("programme", default=None)


def _html(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def _string(value, key, max_length):
    if not isinstance(value, str) or len(value) > max_length:
        raise ValueError(f"'{key}' must be a string of at most {max_length} characters")
    return value.strip()


def _fields(item):
    raw = item.get("fields")
    if not isinstance(raw, list) or not raw:
        raise ValueError("'fields' must be a non-empty list")
    fields, names = [], set()
    for position, entry in enumerate(raw, start=1):
        where = f"field {position}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} must be an object")
        label = _string(entry.get("label", ""), f"{where}: label", 255)
        kind = entry.get("type")
        if not label:
            raise ValueError(f"{where}: 'label' is required")
        if kind not in FieldType.values:
            raise ValueError(f"{where}: type must be one of {', '.join(FieldType.values)}")
        name = _string(entry.get("name", ""), f"{where}: name", 255)
        if not name.isidentifier() or not name.isascii():
            raise ValueError(f"{where}: 'name' must be ascii_snake_case")
        if name in names:
            raise ValueError(f"{where}: the name {name!r} is used twice")
        names.add(name)
        choices = entry.get("choices", [])
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise ValueError(f"{where}: 'choices' must be a list of strings")
        if kind in ("dropdown", "radio", "checkboxes") and not choices:
            raise ValueError(f"{where}: a {kind} field needs 'choices'")
        required = entry.get("required", True)
        if not isinstance(required, bool):
            raise ValueError(f"{where}: 'required' must be true or false")
        purpose = entry.get("autocomplete", "")
        if purpose not in Purpose.values or (purpose and kind in NOT_FILLED_IN):
            raise ValueError(
                f"{where}: 'autocomplete' must be one of {', '.join(filter(None, Purpose.values))}"
                f", for a field a browser can fill in"
            )
        try:
            max_mb = whole_number(entry, "max_mb", 1, 100, default=10)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        fields.append(
            {
                "sort_order": position,
                "label": label,
                "clean_name": name,
                "field_type": kind,
                "required": required,
                "choices": "\n".join(c.strip() for c in choices),
                "help_text": _string(entry.get("help_text", ""), f"{where}: help_text", 255),
                "max_upload_mb": max_mb,
                "autocomplete": purpose,
            }
        )
    return fields


def _boolean(item, key):
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value


def form_fields(item):
    to_address = _string(item.get("to_address", ""), "to_address", 255)
    for address in filter(None, (a.strip() for a in to_address.split(","))):
        try:
            validate_email(address)
        except Exception as error:
            raise ValueError(f"'to_address': {address!r} is not an email address") from error
    return {
        "intro": _html(text_list(item, "intro")),
        "thank_you_text": _html(text_list(item, "thank_you")),
        "submit_label": _string(item.get("submit_label", ""), "submit_label", 60),
        "to_address": to_address,
        "subject": _string(item.get("subject", ""), "subject", 255),
        "allow_drafts": _boolean(item, "allow_drafts"),
        "form_fields": _fields(item),
        "_programme": _string(item.get("programme", ""), "programme", 255),
        "_slug": item.get("slug", ""),
    }


def prepare_form(values, locale):
    values = dict(values)
    slug = values.pop("_programme")
    programme = None
    if slug:
        programme = ProgrammePage.objects.filter(locale=locale, slug=slug).first()
        if programme is None:
            raise ValueError(f"there is no programme {slug!r} in '{locale.language_code}'")
    _programme.set(programme)
    forms_index(locale)
    values["form_fields"] = _field_rows(values["form_fields"], locale, values.pop("_slug"))
    return values


def _field_rows(fields, locale, slug):
    """The page's fields as they are when nothing changed (so a second import changes nothing),
    else new rows."""
    page = ApplicationFormPage.objects.filter(locale=locale, slug=slug).first()
    if page is not None:
        current = list(page.form_fields.all())
        if len(current) == len(fields) and all(
            getattr(row, key) == value
            for row, field in zip(current, fields, strict=True)
            for key, value in field.items()
        ):
            return current
    # A field keeps the translation key of the field of the same name in the source language,
    # so the languages' fields stay one field to wagtail-localize.
    keys = dict(
        ApplicationFormField.objects.filter(
            page__locale=Locale.get_default(), page__slug=slug
        ).values_list("clean_name", "translation_key")
    )
    rows = [ApplicationFormField(**field) for field in fields]
    for row in rows:
        row.translation_key = keys.get(row.clean_name, row.translation_key)
    return rows


def form_parent(locale):
    """Under its programme when it names one, else under the forms index."""
    return _programme.get() or forms_index(locale)


def forms_index(locale):
    description = _(
        "Apply to the programme's tracks, answer its surveys or send a complaint online, "
        "then follow your submission with its reference number."
    )
    return section_index(
        FormIndexPage,
        "forms",
        locale,
        title=_("Forms and services"),
        search_description=description,
    )


register("form", ApplicationFormPage, parent=form_parent, fields=form_fields, prepare=prepare_form)
