from django.core.paginator import Paginator


def paginate(request, items, per_page=12):
    """The requested page of `items`; a missing, malformed or too-large number gives the nearest
    real page (never a 500), so shared and old links keep working."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
