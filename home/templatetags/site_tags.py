from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from home.caching import remember
from home.models import FooterText, SiteSettings

register = template.Library()


def _home_page(request):
    """The home page in the active language (the site root's translation when it has one).

    Header, navigation and language switcher all need it: looked up once per request.
    """
    if request is None:
        return None
    if not hasattr(request, "_localized_home"):
        site = Site.find_for_request(request)
        request._localized_home = site.root_page.localized if site else None
    return request._localized_home


@register.simple_tag(takes_context=True)
def home_page(context):
    return _home_page(context.get("request"))


@register.simple_tag(takes_context=True)
def document_language(context):
    """`lang` and `dir` for <html>: the page's own language, else the active one."""
    page = context.get("page")
    code = page.locale.language_code if isinstance(page, Page) else get_language()
    return {"code": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages ticked "show in menus", in tree order, with the current section marked."""
    request = context.get("request")
    home = _home_page(request)
    if home is None:
        return []

    def menu():
        items = home.get_children().live().public().in_menu()
        return [{"title": i.title, "url": i.get_url(request), "path": i.path} for i in items]

    current = context.get("page")
    return [
        {**item, "current": isinstance(current, Page) and current.path.startswith(item["path"])}
        for item in remember(f"menu:{home.pk}", menu)
    ]


def _translation_urls(page):
    """The address of each live translation of a page (itself included), by language code."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.url for translation in translations}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of this page when it exists, else that home page."""
    request = context.get("request")
    page = context.get("page")
    translations = _translation_urls(page) if isinstance(page, Page) else {}
    home = _home_page(request)
    homes = remember(f"homes:{home.pk}", lambda: _translation_urls(home)) if home else {}
    active = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif page is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = homes.get(code, f"/{code}/")
        links.append({"code": code, "name": name, "url": url, "current": code == active})
    return links


@register.simple_tag
def footer_text():
    locale = Locale.get_active()

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
        return [{"title": page.title, "url": page.get_url(request)} for page in chosen.legal_pages]

    return remember(f"legal:{chosen.site_id}:{Locale.get_active().pk}", links)


@register.simple_tag
def breadcrumbs(page):
    """Ancestors from the home page down, excluding the tree root and the page itself."""
    return page.get_ancestors().filter(depth__gt=1).specific(defer=True) if page else []


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (filters survive paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
