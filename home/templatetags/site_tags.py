from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.models import Locale, Page

from home import numerals
from home.caching import remember, showing_a_draft
from home.lookups import active_locale, language_code, localized
from home.models import FooterText, SiteSettings, visible
from home.routing import site_for_request
from home.slots import templates_for

register = template.Library()


def _home_page(request):
    """The home page in the active language (the site root's translation when it has one).

    Header, navigation and language switcher all need it: looked up once per request.
    """
    if request is None:
        return None
    if not hasattr(request, "_localized_home"):
        site = site_for_request(request)
        request._localized_home = (
            remember(f"home:{site.pk}:{get_language()}", lambda: site.root_page.localized)
            if site
            else None
        )
    return request._localized_home


@register.simple_tag(takes_context=True)
def home_page(context):
    return _home_page(context.get("request"))


@register.simple_tag(takes_context=True)
def document_language(context):
    """`lang` and `dir` for <html>: the page's own language, else the active one."""
    page = context.get("page")
    code = language_code(page) if isinstance(page, Page) else get_language()
    return {"code": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}


def _other_language(item):
    """The language of a page (or of a language code) when it is not the request's: a page not
    translated yet, shown or linked in its original language. "" otherwise."""
    code = item if isinstance(item, str) else language_code(item) if item else ""
    return code if code and code != get_language() else ""


@register.simple_tag
def language_of(item):
    """` lang dir` for an element whose text comes from `item` (a page or a language code) in
    another language than the page's, so that screen readers read it in its own voice."""
    code = _other_language(item)
    if not code:
        return ""
    direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.simple_tag
def hreflang_of(item):
    """` hreflang` for a link to a page in another language than the page's."""
    code = _other_language(item)
    return format_html(' hreflang="{}"', code) if code else ""


def _empty_section(page):
    """A section's index page (one per language, listing pages of its own types) with nothing in
    it yet: a language does not advertise a section it has no content for. A section that lists
    more than its pages (the indicators) says whether it has any with `lists_something()`."""
    model = page.specific_class
    is_section = getattr(model, "max_count_per_parent", None) == 1 and model.subpage_types
    if not is_section or visible(page.get_children()).exists():
        return False
    return not (hasattr(model, "lists_something") and page.specific.lists_something())


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages ticked "show in menus", in tree order, with the current section marked;
    empty sections left out."""
    request = context.get("request")
    home = _home_page(request)
    if home is None:
        return []

    def menu():
        items = visible(home.get_children()).in_menu()
        return [
            {"title": i.title, "url": i.get_url(request), "path": i.path}
            for i in items
            if not _empty_section(i)
        ]

    current = context.get("page")
    return [
        {**item, "current": isinstance(current, Page) and current.path.startswith(item["path"])}
        for item in remember(f"menu:{home.pk}", menu)
    ]


def _translation_urls(page):
    """The address of each live translation of a page (itself included), by language code."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.url for translation in translations}


def _in_place(request, page, url):
    """A routable page's sub-address (status check, certificate) under another language's page,
    with the same query, so that the visitor's lookup survives the switch."""
    here = page.url
    if not here or not request.path.startswith(here) or request.path == here:
        return url
    query = request.META.get("QUERY_STRING", "")
    return url + request.path[len(here) :] + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: the translation of this page where it exists; where it does not,
    the entry says so in that language and leads to the original rather than to a home page."""
    request = context.get("request")
    page = context.get("page")
    translations = (
        remember(f"translations:{page.pk}", lambda: _translation_urls(page))
        if isinstance(page, Page)
        else {}
    )
    home = _home_page(request)
    homes = remember(f"homes:{home.pk}", lambda: _translation_urls(home)) if home else {}
    active = get_language()
    original = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in translations else active
    links = []
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "current": code == active, "available": True}
        if code in translations:
            link["url"] = _in_place(request, page, translations[code])
        elif page is None and request is not None:
            link["url"] = translate_url(request.get_full_path(), code)
        elif not isinstance(page, Page):
            link["url"] = homes.get(code, f"/{code}/")
        else:
            link["available"] = False
            with translation.override(code):
                if original == active:
                    link["note"] = gettext("not translated")
                else:
                    link["note"] = gettext("not translated: read the original")
                    link["url"] = translations[original]
                    link["original"] = original
        links.append(link)
    return links


@register.simple_tag(takes_context=True)
def published_page(context):
    """The page's id when it is shown as published at its own address: then the parts around
    its content (header, breadcrumbs, sharing tags) depend on nothing else, for
    `{% remembered %}`. None in a preview, at a sub-address (a status check, a feed) and on a
    view that is no page."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None or showing_a_draft():
        return None
    return page.pk if getattr(request, "page_at_its_address", None) == page.pk else None


@register.simple_tag
def footer_text():
    locale = active_locale()

    def text():
        footers = FooterText.objects.filter(live=True)
        footer = (
            footers.filter(locale=locale).first()
            or footers.filter(locale=Locale.get_default()).first()
        )
        return footer.body if footer else ""

    return remember(f"footer:{locale.pk}", text)


@register.simple_tag(takes_context=True)
def legal_links(context):
    """The footer's links to the legal pages, in the reader's language where translated."""
    request = context["request"]
    chosen = SiteSettings.for_request(request)

    def links():
        return [
            {"title": page.title, "url": page.get_url(request), "language": language_code(page)}
            for page in chosen.legal_pages
        ]

    return remember(f"legal:{chosen.site_id}:{active_locale().pk}", links)


@register.simple_tag
def breadcrumbs(page):
    """Ancestors from the home page down, excluding the tree root and the page itself."""
    if not page:
        return []
    return remember(
        f"breadcrumbs:{page.pk}",
        lambda: list(page.get_ancestors().filter(depth__gt=1).specific(defer=True)),
    )


@register.simple_tag(takes_context=True)
def query_with(context, name=None, value=None, **changes):
    """The current query string with some parameters replaced (filters survive paging); `name`
    and `value` replace a parameter whose name is itself a variable (a feature's facet)."""
    if name:
        changes[name] = value
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


# Numbers, dates and sizes in the site's one style (home/numerals.py).
register.filter("written_date", numerals.written_date)
register.filter("written_moment", numerals.written_moment)
register.filter("month_year", numerals.month_year)
register.filter("file_size", numerals.file_size)
register.filter("quoted_words", numerals.quoted_words)
register.filter("number", numerals.number)


@register.simple_tag(takes_context=True)
def slot(context, name, **values):
    """What other features registered for this place of the page (home/slots.py)."""
    parts = []
    for template_name in templates_for(name):
        with context.push(**values):
            parts.append(context.template.engine.get_template(template_name).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, escaped by their engine


# `{{ page|localized }}`: the page (or snippet) in the reader's language, as `.localized` gives it.
register.filter("localized", localized)


class RememberedNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        values = [part.resolve(context) for part in self.parts]
        if any(value in (None, "") for value in values):
            # Nothing names what the block shows (a view that is no page, a preview).
            return self.nodelist.render(context)
        name = ":".join(str(value) for value in values)
        return remember(f"html:{get_language()}:{name}", lambda: self.nodelist.render(context))


@register.tag
def remembered(parser, token):
    """`{% remembered "name" value… %}…{% endremembered %}`: the block rendered once per content
    version for each set of values, which must name everything the block shows (a listing's
    `page_obj.key` names its page, its valid filters and the page number: home/pagination.py).
    What is the same for every visitor only: nothing of the request, the session or a form's
    token. A value that is None or empty means nothing names the block: it is rendered each
    time."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("{% remembered %} needs a name")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(nodelist, parts)
