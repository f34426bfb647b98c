from django.core.paginator import Paginator

from home.caching import remember


def paginate(request, items, per_page=12, remembered_as=None):
    """The requested page of `items`; a missing, malformed or too-large number gives the nearest
    real page (never a 500), so shared and old links keep working.

    With `remembered_as` (a name for what `items` are: the listing and its valid filters), the
    count is remembered until the content changes, the page's items are read only when they are
    shown, and `page.key` names the page for a template that remembers its rendered list
    (`{% remembered page_obj.key %}`): a repeated visit then reads nothing from the database."""
    paginator = Paginator(items, per_page)
    if remembered_as:
        paginator.count = remember(
            f"count:{remembered_as}", lambda: Paginator(items, per_page).count
        )
    page = paginator.get_page(request.GET.get("page"))
    page.key = f"{remembered_as}:{page.number}" if remembered_as else None
    return page
