from django.core.paginator import Paginator

from home.caching import remember


def paginate(request, items, per_page=12, counted_as=None):
    """The requested page of `items`; a missing, malformed or too-large number gives the nearest
    real page (never a 500), so shared and old links keep working.

    With `counted_as` (a name for what `items` are: the listing and its valid filters), the count
    is remembered until the content changes and the page's items are read only when they are
    shown: a template that remembers its rendered list (`{% remembered %}`) then reads nothing
    from the database."""
    paginator = Paginator(items, per_page)
    if counted_as:
        paginator.count = remember(f"count:{counted_as}", items.count)
    return paginator.get_page(request.GET.get("page"))
