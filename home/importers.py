"""Item types `home` (the home page of a language) and `page` (a standard page under it)."""

from wagtail.models import Page

from home.blocks import TEASERS
from home.importing import paragraphs, register, text_list
from home.models import HomePage, StandardPage


def home_fields(item):
    values = {}
    for key in ("hero_heading", "hero_text", "hero_link_label"):
        if key in item:
            if not isinstance(item[key], str):
                raise ValueError(f"'{key}' must be a string")
            values[key] = item[key].strip()
    figures = item.get("key_figures", [])
    if not isinstance(figures, list) or not all(
        isinstance(f, dict) and isinstance(f.get("value"), str) and isinstance(f.get("label"), str)
        for f in figures
    ):
        raise ValueError('\'key_figures\' must be a list of {"value", "label"}')
    teasers = item.get("teasers", [])
    if not isinstance(teasers, list) or not all(t in TEASERS for t in teasers):
        raise ValueError(f"'teasers' must be a list of: {', '.join(sorted(TEASERS))}")
    body = [("section_teaser", {"source": source, "count": 3}) for source in teasers]
    body += paragraphs(text_list(item, "body"))
    if figures:
        heading = item.get("key_figures_heading", "")
        body.append(("key_figures", {"heading": heading, "figures": figures}))
    values["body"] = body
    return values


def tree_root(locale):
    return Page.get_first_root_node()


def home_page(locale):
    """Where `page` items go: the home page of their language."""
    page = HomePage.objects.filter(locale=locale).first()
    if page is None:
        raise ValueError(
            f"there is no home page in '{locale.language_code}': import its home first"
        )
    return page


register("home", HomePage, parent=tree_root, fields=home_fields)
register("page", StandardPage, parent=home_page)
